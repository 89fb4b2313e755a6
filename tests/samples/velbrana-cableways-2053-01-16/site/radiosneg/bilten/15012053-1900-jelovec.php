<!DOCTYPE html>
<html lang="sl">
<head>
<meta charset="utf-8">
<title>Na Jelovcu reševali do mraka</title>

</head>
<body>
<div class="rs-bar"><b>RADIO SNEG 94.2</b> · glas gora · <a href="/radiosneg/v-zivo">V živo</a> · <a href="/radiosneg/bilten/">Bilten</a> · <a href="/radiosneg/snezne-razmere">Snežne razmere</a></div>
<article>
<p class="rs-stamp">sre 15.01.2053 · 19:00</p>
<h2>Na Jelovcu reševali do mraka</h2>
<p><b>Napovedovalka (Petra Golob):</b> Gorski reševalci so na Lesnjaku do mraka spuščali smučarje s sedežnice Jelovec, ki je obstala sredi popoldneva. Na tleh je zdaj vseh sto triinštirideset.</p>
<p><b>Poročevalec (Gašper Novak):</b> Pod progo so ob ognju stali prostovoljci s čajem in odejami. Sedežnica ostaja zaprta.</p>
</article>
<div class="rs-foot">Zapis biltena, kot je bil predvajan · Transcript as broadcast. Radio Sneg is fictional.</div>
</body>
</html>
