<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Otters edge Herons - Tidewater FM 97.3</title>
</head>
<body>
<div id="tw-bar"><span class="tw-logo">TIDEWATER FM 97.3</span> <span>Port Quen &amp; the south coast</span> <a href="/tidewater/live">On air now</a> <a href="/tidewater/news/">Newsroom</a></div>
<div id="tw-item">
<div class="tw-stamp">Sat 13/05/2034 &middot; 17:00</div>
<h1>Otters edge Herons</h1>
<div class="tw-read">Read on air by Ama Ruiz-Fairweather</div>
<p>In water polo, the Port Quen Otters beat the Riverside Pike 11-8 at the Harbourside pool this afternoon.</p>
<p>That keeps them second going into tomorrow's last game of the season against the Lakeshore Herons.</p>
</div>
<div id="tw-legal">Tidewater FM is a fictional radio station created for software tests. Bulletins are transcribed from air.</div>
</body>
</html>
