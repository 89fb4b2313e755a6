<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Eleven small lifts in Upper Sorna stay shut</title>

</head>
<body>
<div class="rs-bar"><b>RADIO SNEG 94.2</b> · glas gora · <a href="/radiosneg/v-zivo">V živo</a> · <a href="/radiosneg/bilten/">Bilten</a> · <a href="/radiosneg/snezne-razmere">Snežne razmere</a></div>
<article>
<p class="rs-stamp">pon 13.01.2053 · 12:00</p>
<h2>Eleven small lifts in Upper Sorna stay shut</h2>
<p><b>Newsreader (Petra Golob):</b> The tow lifts and the two old chairlifts in the Upper Sorna villages will not open at all this winter. The village lift cooperative says there is not enough natural snow below 1,400 metres, and it cannot afford snow cannons for eleven small lifts.</p>
<p><b>Newsreader:</b> The cooperative will ask the province for help with a longer-term plan in the spring.</p>
</article>
<div class="rs-foot">Zapis biltena, kot je bil predvajan · Transcript as broadcast. Radio Sneg is fictional.</div>
</body>
</html>
