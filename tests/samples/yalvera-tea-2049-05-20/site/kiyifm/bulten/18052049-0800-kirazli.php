<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kirazlı cooperative's shed burns down</title>

</head>
<body>
<div class="k-bar"><b>KIYI FM 101.4</b> · Sarıdere · <a href="/kiyifm/canli">Canlı</a> · <a href="/kiyifm/bulten/">Bülten</a></div>
<article><p class="k-stamp">Sal 18.05.2049 · 08:00</p>
<h2>Kirazlı cooperative's shed burns down</h2>
<p><b>Newsreader (Deniz Arslan-Price):</b> The withering shed of the Kirazlı cooperative burned down overnight. Forty tonnes of leaf were lost and two workers were treated for smoke.</p>
<p><b>Reporter (Ayla Demir-Osei):</b> The smell of burnt leaf hangs over the whole village this morning. Growers with full sacks are asking where they can sell today.</p></article>
<div class="k-foot">Bülten metni, yayınlandığı gibi · Transcript as broadcast. Kıyı FM is fictional.</div>
</body>
</html>
