<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Knife robbery at Kirrendorf gas station – Radio Velm 101.4</title>
</head>
<body>
<div id="rv-bar"><span class="rv-logo">RADIO VELM 101.4</span> <span>Das Radio für Sarnow · The sound of the valleys</span> <a href="/radiovelm/live">Listen live</a> <a href="/radiovelm/news/">News</a> <a href="/radiovelm/traffic">Traffic &amp; travel</a> <a href="/radiovelm/weather">Weather</a></div>
<div id="rv-news">
<div class="rv-when">Tue 23/01/2035 · 16:00</div>
<h1>Knife robbery at Kirrendorf gas station</h1>
<div class="rv-reader">Read on air by Jens Abiodun-Wirth</div>
<p>Police are looking for two men who robbed the gas station on the Kirrendorf bypass at about three this afternoon. They threatened the cashier with a knife and got away with cash and cigarettes in a grey hatchback, heading towards Grisbeck.</p>
<p>Nobody was hurt. Anyone who saw the car should call Kirrendorf police.</p>
</div>
<div id="rv-foot">Radio Velm 101.4 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
