<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>New boss for the water authority - Tidewater FM 97.3</title>
</head>
<body>
<div id="tw-bar"><span class="tw-logo">TIDEWATER FM 97.3</span> <span>Port Quen &amp; the south coast</span> <a href="/tidewater/live">On air now</a> <a href="/tidewater/news/">Newsroom</a></div>
<div id="tw-item">
<div class="tw-stamp">Tue 16/05/2034 &middot; 08:00</div>
<h1>New boss for the water authority</h1>
<div class="tw-read">Read on air by Cormac Delacroix-Bell</div>
<p>The Quenmark Water Authority has a new chief executive on the way. Imogen Szabo-Reyes, number two at the Kestrel Valley Water Board, starts on the first of August.</p>
<p>She replaces Calder Penhallow, who's retiring after eleven years.</p>
</div>
<div id="tw-legal">Tidewater FM is a fictional radio station created for software tests. Bulletins are transcribed from air.</div>
</body>
</html>
