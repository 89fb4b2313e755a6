<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gas workers to strike on Wednesday – Radio Velm 101.4</title>
</head>
<body>
<div id="rv-bar"><span class="rv-logo">RADIO VELM 101.4</span> <span>Das Radio für Sarnow · The sound of the valleys</span> <a href="/radiovelm/live">Listen live</a> <a href="/radiovelm/news/">News</a> <a href="/radiovelm/traffic">Traffic &amp; travel</a> <a href="/radiovelm/weather">Weather</a></div>
<div id="rv-news">
<div class="rv-when">Mon 22/01/2035 · 12:00</div>
<h1>Gas workers to strike on Wednesday</h1>
<div class="rv-reader">Read on air by Mara Quintelsen</div>
<p>Sarnow's gas engineers will strike for forty-eight hours from six o'clock on Wednesday morning. Their union, the EUWU, says eighty-seven per cent voted yes.</p>
<p>Sarnow Gas Grid says leaks will still be dealt with. If you smell gas, call the emergency line as usual.</p>
</div>
<div id="rv-foot">Radio Velm 101.4 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
