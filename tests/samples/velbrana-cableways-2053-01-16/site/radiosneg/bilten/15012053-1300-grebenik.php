<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>No gondola to Grebenik until February</title>

</head>
<body>
<div class="rs-bar"><b>RADIO SNEG 94.2</b> · glas gora · <a href="/radiosneg/v-zivo">V živo</a> · <a href="/radiosneg/bilten/">Bilten</a> · <a href="/radiosneg/snezne-razmere">Snežne razmere</a></div>
<article>
<p class="rs-stamp">sre 15.01.2053 · 13:00</p>
<h2>No gondola to Grebenik until February</h2>
<p><b>Newsreader (Petra Golob):</b> The big gondola at Mirnik is standing still, and it will stay that way until February. Eleven wires in its rope were found broken this morning.</p>
<p><b>Reporter (Gašper Novak), at the Mirnik valley station:</b> The cabins are parked in the garage behind me. Skiers are being sent on buses to the pass; the ski school has moved its classes down to the nursery slopes.</p>
</article>
<div class="rs-foot">Zapis biltena, kot je bil predvajan · Transcript as broadcast. Radio Sneg is fictional.</div>
</body>
</html>
