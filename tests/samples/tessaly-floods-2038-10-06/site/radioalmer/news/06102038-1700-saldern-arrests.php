<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Three arrested in flooded Saldern – Radio Almer 98.2</title>
</head>
<body>
<div id="ra-top"><span class="ra-logo">RADIO ALMER 98.2</span> <span>The valley's radio · Das Radio im Almertal · La radio del valle</span> <a href="/radioalmer/live">Listen live</a> <a href="/radioalmer/news/">News</a> <a href="/radioalmer/travel">Travel</a> <a href="/radioalmer/river-levels">River levels</a></div>
<div id="ra-item">
<div class="ra-stamp">Wed 06.10.38 · 17:00</div>
<h1>Three arrested in flooded Saldern</h1>
<div class="ra-note">Read on air by Odile Ferreira-Haas.</div>
<p>Police have arrested three men in Saldern this afternoon. They were stopped in a rubber dinghy full of TVs, laptops and tools that police say were taken from empty houses in the evacuated east quarter, where twelve hundred people had to leave this morning.</p>
<p>Forty officers will patrol the area tonight, some of them by boat.</p>
</div>
<div id="ra-foot">Radio Almer 98.2 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
