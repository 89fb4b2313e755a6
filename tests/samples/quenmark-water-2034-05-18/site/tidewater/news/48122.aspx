<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Boil-water notice for Vark - Tidewater FM 97.3</title>
</head>
<body>
<div id="tw-bar"><span class="tw-logo">TIDEWATER FM 97.3</span> <span>Port Quen &amp; the south coast</span> <a href="/tidewater/live">On air now</a> <a href="/tidewater/news/">Newsroom</a></div>
<div id="tw-item">
<div class="tw-stamp">Sun 14/05/2034 &middot; 11:00</div>
<h1>Boil-water notice for Vark</h1>
<div class="tw-read">Read on air by Ama Ruiz-Fairweather</div>
<p>Vark residents must boil tap water for a minute before drinking it, after a routine sample from the village supply tested positive for E. coli on Saturday.</p>
<p>The Quenmark Water Authority says the notice covers about 300 homes on the Vark reservoir system until two clean tests in a row.</p>
</div>
<div id="tw-legal">Tidewater FM is a fictional radio station created for software tests. Bulletins are transcribed from air.</div>
</body>
</html>
