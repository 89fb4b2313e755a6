<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Leaf lorries back on the Karakavak road</title>

</head>
<body>
<div class="k-bar"><b>KIYI FM 101.4</b> · Sarıdere · <a href="/kiyifm/canli">Canlı</a> · <a href="/kiyifm/bulten/">Bülten</a></div>
<article><p class="k-stamp">Sal 18.05.2049 · 13:00</p>
<h2>Leaf lorries back on the Karakavak road</h2>
<p><b>Newsreader (Deniz Arslan-Price):</b> The Karakavak road to the upper tea gardens has reopened a week after a landslide cut it. Leaf lorries from the smallholdings above Kirazlı can reach the factories again, and growers no longer have to carry their sacks down on mules.</p></article>
<div class="k-foot">Bülten metni, yayınlandığı gibi · Transcript as broadcast. Kıyı FM is fictional.</div>
</body>
</html>
