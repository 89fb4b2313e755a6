<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Eleven in hospital after carbon monoxide alarm in Kirrendorf – Radio Velm 101.4</title>
</head>
<body>
<div id="rv-bar"><span class="rv-logo">RADIO VELM 101.4</span> <span>Das Radio für Sarnow · The sound of the valleys</span> <a href="/radiovelm/live">Listen live</a> <a href="/radiovelm/news/">News</a> <a href="/radiovelm/traffic">Traffic &amp; travel</a> <a href="/radiovelm/weather">Weather</a></div>
<div id="rv-news">
<div class="rv-when">Sat 20/01/2035 · 23:40</div>
<h1>Eleven in hospital after carbon monoxide alarm in Kirrendorf</h1>
<div class="rv-reader">Late news desk</div>
<p>Eleven people from an apartment block on Weidenweg in Kirrendorf have been taken to hospital tonight with suspected carbon monoxide poisoning. Two of them are children.</p>
<p>The fire brigade says the gas boiler in the building's basement is the likely source. The block has been cleared and the gas supply cut off.</p>
</div>
<div id="rv-foot">Radio Velm 101.4 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
