<!DOCTYPE html>
<html lang="sl">
<head>
<meta charset="utf-8">
<title>Zobata železnica stoji</title>

</head>
<body>
<div class="rs-bar"><b>RADIO SNEG 94.2</b> · glas gora · <a href="/radiosneg/v-zivo">V živo</a> · <a href="/radiosneg/bilten/">Bilten</a> · <a href="/radiosneg/snezne-razmere">Snežne razmere</a></div>
<article>
<p class="rs-stamp">ned 12.01.2053 · 18:00</p>
<h2>Zobata železnica stoji</h2>
<p><b>Napovedovalka (Petra Golob):</b> Zobata železnica v dolini Sorne je ves dan stala. Stavka strojevodij in sprevodnikov se nadaljuje tudi jutri.</p>
<p><b>Poročevalec (Gašper Novak), na postaji Zgornja Sorna:</b> Na peronu je mirno, zobniška lokomotiva stoji v remizi. Nekaj turnih smučarjev se je odpravilo na sedlo peš, ostali so se obrnili in šli nazaj v dolino.</p>
</article>
<div class="rs-foot">Zapis biltena, kot je bil predvajan · Transcript as broadcast. Radio Sneg is fictional.</div>
</body>
</html>
