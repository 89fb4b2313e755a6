<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Wednesday morning bulletin – Radio Velm 101.4</title>
</head>
<body>
<div id="rv-bar"><span class="rv-logo">RADIO VELM 101.4</span> <span>Das Radio für Sarnow · The sound of the valleys</span> <a href="/radiovelm/live">Listen live</a> <a href="/radiovelm/news/">News</a> <a href="/radiovelm/traffic">Traffic &amp; travel</a> <a href="/radiovelm/weather">Weather</a></div>
<div id="rv-news">
<div class="rv-when">Wed 24/01/2035 · 07:00</div>
<h1>Wednesday morning bulletin</h1>
<div class="rv-reader">Read on air by Mara Quintelsen</div>
<p>Good morning, it's seven o'clock, minus eleven in Velmstadt. Here's the news.</p>
<p>No gas strike today. The union called it off last night after Sarnow Gas Grid put 6.4 per cent over two years on the table. Engineers are at work as normal.</p>
<p>In Grisbeck, most of the old town has its heating back after yesterday's burst under the Kornmarkt, but a few hundred flats are still cold this morning. The warm room at the Stadthalle stays open.</p>
<p>Orlau's Lindenhof district is back home after yesterday's gas leak. And last night Orlau council voted to replace the gas boilers at the Lindenhof heating plant with a heat pump.</p>
<p>At noon the Stadtwerke sign the contract for their big river heat pump at the Ostkai, with the energy minister there. We'll have it at one.</p>
<p>And if you're planning a heat pump at home: the state bonus drops from nine thousand to six thousand five hundred euros on the first of March.</p>
<p>Weather: clear and very cold, a high of minus four.</p>
</div>
<div id="rv-foot">Radio Velm 101.4 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
