<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gas strike called off – Radio Velm 101.4</title>
</head>
<body>
<div id="rv-bar"><span class="rv-logo">RADIO VELM 101.4</span> <span>Das Radio für Sarnow · The sound of the valleys</span> <a href="/radiovelm/live">Listen live</a> <a href="/radiovelm/news/">News</a> <a href="/radiovelm/traffic">Traffic &amp; travel</a> <a href="/radiovelm/weather">Weather</a></div>
<div id="rv-news">
<div class="rv-when">Wed 24/01/2035 · 06:00</div>
<h1>Gas strike called off</h1>
<div class="rv-reader">Read on air by Mara Quintelsen</div>
<p>The forty-eight hour strike by gas engineers that was due to start at six this morning is off. The EUWU union suspended it last night after Sarnow Gas Grid offered 6.4 per cent over two years and a one-off payment of €1,250.</p>
<p>Members will vote on the offer by the ninth of February.</p>
</div>
<div id="rv-foot">Radio Velm 101.4 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
