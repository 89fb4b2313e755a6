<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Trains back on the mountain tomorrow</title>

</head>
<body>
<div class="rs-bar"><b>RADIO SNEG 94.2</b> · glas gora · <a href="/radiosneg/v-zivo">V živo</a> · <a href="/radiosneg/bilten/">Bilten</a> · <a href="/radiosneg/snezne-razmere">Snežne razmere</a></div>
<article>
<p class="rs-stamp">čet 16.01.2053 · 08:00</p>
<h2>Trains back on the mountain tomorrow</h2>
<p><b>Newsreader (Petra Golob):</b> Good news for the huts above Zgornja Sorna: the trains are going back up the mountain tomorrow morning. The mediator brokered a deal just after midnight.</p>
<p><b>Reporter (Gašper Novak):</b> The drivers I spoke to at the depot are tired but relieved. One told me he will drive the first train at twenty to seven himself.</p>
</article>
<div class="rs-foot">Zapis biltena, kot je bil predvajan · Transcript as broadcast. Radio Sneg is fictional.</div>
</body>
</html>
