<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kessling's B17 bridge closed – Radio Almer 98.2</title>
</head>
<body>
<div id="ra-top"><span class="ra-logo">RADIO ALMER 98.2</span> <span>The valley's radio · Das Radio im Almertal · La radio del valle</span> <a href="/radioalmer/live">Listen live</a> <a href="/radioalmer/news/">News</a> <a href="/radioalmer/travel">Travel</a> <a href="/radioalmer/river-levels">River levels</a></div>
<div id="ra-item">
<div class="ra-stamp">Sun 03.10.38 · 08:00</div>
<h1>Kessling's B17 bridge closed</h1>
<div class="ra-note">Read on air by Lasse Okoro-Gruber.</div>
<p>The B17 road bridge over the Almer in Kessling is closed to all traffic this morning, after divers found the current has scoured out the riverbed under one of its piers.</p>
<p>The roads department says to expect at least two weeks. Diversion via Thalburg; allow an extra quarter of an hour to Saldern.</p>
</div>
<div id="ra-foot">Radio Almer 98.2 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
