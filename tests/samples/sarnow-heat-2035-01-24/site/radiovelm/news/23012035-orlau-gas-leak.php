<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gas leak: 1,350 homes cleared in Orlau – Radio Velm 101.4</title>
</head>
<body>
<div id="rv-bar"><span class="rv-logo">RADIO VELM 101.4</span> <span>Das Radio für Sarnow · The sound of the valleys</span> <a href="/radiovelm/live">Listen live</a> <a href="/radiovelm/news/">News</a> <a href="/radiovelm/traffic">Traffic &amp; travel</a> <a href="/radiovelm/weather">Weather</a></div>
<div id="rv-news">
<div class="rv-when">Tue 23/01/2035 · 12:00</div>
<h1>Gas leak: 1,350 homes cleared in Orlau</h1>
<div class="rv-reader">Read on air by Jens Abiodun-Wirth</div>
<p>In Orlau, 1,350 homes in the Lindenhof district have been evacuated after building work damaged a gas main on Lindenhofstraße this morning. The primary school and a care home have been cleared too.</p>
<p>Residents can go to the Sporthalle Nord. Police ask everyone else to keep out of the area.</p>
</div>
<div id="rv-foot">Radio Velm 101.4 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
