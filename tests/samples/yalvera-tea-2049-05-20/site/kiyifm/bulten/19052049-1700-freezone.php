<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Robots to replace free-zone warehouse crews</title>

</head>
<body>
<div class="k-bar"><b>KIYI FM 101.4</b> · Sarıdere · <a href="/kiyifm/canli">Canlı</a> · <a href="/kiyifm/bulten/">Bülten</a></div>
<article><p class="k-stamp">Çar 19.05.2049 · 17:00</p>
<h2>Robots to replace free-zone warehouse crews</h2>
<p><b>Newsreader (Deniz Arslan-Price):</b> Dumanlı Tea Estates says it will automate its blending warehouse in the Sarıdere free zone. Three hundred and fifty warehouse workers will lose their jobs early next year.</p></article>
<div class="k-foot">Bülten metni, yayınlandığı gibi · Transcript as broadcast. Kıyı FM is fictional.</div>
</body>
</html>
