<!DOCTYPE html>
<html lang="sl">
<head>
<meta charset="utf-8">
<title>Vzpenjača spet odprta</title>

</head>
<body>
<div class="rs-bar"><b>RADIO SNEG 94.2</b> · glas gora · <a href="/radiosneg/v-zivo">V živo</a> · <a href="/radiosneg/bilten/">Bilten</a> · <a href="/radiosneg/snezne-razmere">Snežne razmere</a></div>
<article>
<p class="rs-stamp">čet 16.01.2053 · 17:00</p>
<h2>Vzpenjača spet odprta</h2>
<p><b>Napovedovalka (Petra Golob):</b> Vzpenjača Bistrec bo od jutri ob sedmih zjutraj spet vozila. Obe kabini imata nove zavore in sta danes opravili preizkus.</p>
<p><b>Napovedovalka:</b> Nadomestni kombiji po grajski cesti bodo zadnjič vozili nocoj.</p>
</article>
<div class="rs-foot">Zapis biltena, kot je bil predvajan · Transcript as broadcast. Radio Sneg is fictional.</div>
</body>
</html>
