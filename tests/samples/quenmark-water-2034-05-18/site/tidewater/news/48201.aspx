<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Thursday morning roundup - Tidewater FM 97.3</title>
</head>
<body>
<div id="tw-bar"><span class="tw-logo">TIDEWATER FM 97.3</span> <span>Port Quen &amp; the south coast</span> <a href="/tidewater/live">On air now</a> <a href="/tidewater/news/">Newsroom</a></div>
<div id="tw-item">
<div class="tw-stamp">Thu 18/05/2034 &middot; 06:00</div>
<h1>Thursday morning roundup</h1>
<div class="tw-read">Read on air by Ama Ruiz-Fairweather</div>
<p>Good morning, it's six o'clock. Here's what's happening.</p>
<p>Merrowdale has its water back. The nineteen seventy-four main under Harrow Street burst before three yesterday morning and left four thousand two hundred homes dry until about twenty to nine last night. Boil your drinking water there until Friday.</p>
<p>Also in Merrowdale, council voted seven to two last night to spend eighteen point six million dollars rebuilding the town's sewage plant.</p>
<p>In Port Quen, the water authority says it will dig up eleven thousand four hundred lead pipes over six years, at a cost of two hundred and twelve million dollars. Kilnside is first, in September.</p>
<p>Still with the Authority: the one point two million dollar fine over the Brindle Road spill stands, and Tallis Cove could reopen on Saturday. Incoming chief executive Imogen Szabo-Reyes has a full in-tray before she even starts.</p>
<p>At ten this morning the premier is at Cape Ostrey to sign off on the desalination plant, six hundred and forty million dollars for forty-five million litres a day. We'll be there.</p>
<p>Weather: fog early on the coast, then sun. Fourteen degrees in Port Quen.</p>
</div>
<div id="tw-legal">Tidewater FM is a fictional radio station created for software tests. Bulletins are transcribed from air.</div>
</body>
</html>
