<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>No picking on Pelitova's slopes</title>

</head>
<body>
<div class="k-bar"><b>KIYI FM 101.4</b> · Sarıdere · <a href="/kiyifm/canli">Canlı</a> · <a href="/kiyifm/bulten/">Bülten</a></div>
<article><p class="k-stamp">Pzt 17.05.2049 · 18:00</p>
<h2>No picking on Pelitova's slopes</h2>
<p><b>Newsreader (Deniz Arslan-Price):</b> Not a single basket was filled on Pelitova's fourteen estates today. Four thousand two hundred pluckers say they will not go back until the leaf price reaches twenty-nine lira.</p>
<p><b>Reporter (Kemal Öztürk-Lindqvist):</b> At the Yukarıkaya estate gate the women were sitting in the shade with their flasks. One told me she had picked here for thirty years and never struck before.</p></article>
<div class="k-foot">Bülten metni, yayınlandığı gibi · Transcript as broadcast. Kıyı FM is fictional.</div>
</body>
</html>
