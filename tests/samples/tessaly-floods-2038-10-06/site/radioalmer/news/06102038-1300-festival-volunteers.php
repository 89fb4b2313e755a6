<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Folk festival flooded with volunteers – Radio Almer 98.2</title>
</head>
<body>
<div id="ra-top"><span class="ra-logo">RADIO ALMER 98.2</span> <span>The valley's radio · Das Radio im Almertal · La radio del valle</span> <a href="/radioalmer/live">Listen live</a> <a href="/radioalmer/news/">News</a> <a href="/radioalmer/travel">Travel</a> <a href="/radioalmer/river-levels">River levels</a></div>
<div id="ra-item">
<div class="ra-stamp">Wed 06.10.38 · 13:00</div>
<h1>Folk festival flooded with volunteers</h1>
<div class="ra-note">Read on air by Odile Ferreira-Haas.</div>
<p>Organisers of next summer's Riverbank Folk Weekend in Corvenna say they have been flooded with more than nine thousand applications for four hundred volunteer places, after announcing The Levee Kings as headliners.</p>
<p>The band, from Puerto Irune, play their first Tessaly show in eight years. Tickets go on sale on the first of November.</p>
</div>
<div id="ra-foot">Radio Almer 98.2 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
