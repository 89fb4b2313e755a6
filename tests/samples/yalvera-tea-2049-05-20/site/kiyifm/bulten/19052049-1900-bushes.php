<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Back to the bushes at first light</title>

</head>
<body>
<div class="k-bar"><b>KIYI FM 101.4</b> · Sarıdere · <a href="/kiyifm/canli">Canlı</a> · <a href="/kiyifm/bulten/">Bülten</a></div>
<article><p class="k-stamp">Çar 19.05.2049 · 19:00</p>
<h2>Back to the bushes at first light</h2>
<p><b>Newsreader (Deniz Arslan-Price):</b> It is over in the hills. The arbitrator has set the rate, both sides have accepted it, and picking starts again tomorrow morning.</p>
<p><b>Reporter (Kemal Öztürk-Lindqvist):</b> At the union office they were counting what the half pay means per family. The mood is tired rather than happy.</p></article>
<div class="k-foot">Bülten metni, yayınlandığı gibi · Transcript as broadcast. Kıyı FM is fictional.</div>
</body>
</html>
