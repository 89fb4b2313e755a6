<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Heating main ruptures under Grisbeck's Kornmarkt – Radio Velm 101.4</title>
</head>
<body>
<div id="rv-bar"><span class="rv-logo">RADIO VELM 101.4</span> <span>Das Radio für Sarnow · The sound of the valleys</span> <a href="/radiovelm/live">Listen live</a> <a href="/radiovelm/news/">News</a> <a href="/radiovelm/traffic">Traffic &amp; travel</a> <a href="/radiovelm/weather">Weather</a></div>
<div id="rv-news">
<div class="rv-when">Tue 23/01/2035 · 07:00</div>
<h1>Heating main ruptures under Grisbeck's Kornmarkt</h1>
<div class="rv-reader">Read on air by Mara Quintelsen</div>
<p>A district heating pipe ruptured under the Kornmarkt in Grisbeck just before six this morning. Hot water has flooded the square and several side streets, and about 2,900 flats in the old town have no heating or hot water.</p>
<p>Grisbeck Heat says crews are on site. Avoid the town centre: the B41 through Grisbeck is closed.</p>
</div>
<div id="rv-foot">Radio Velm 101.4 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
