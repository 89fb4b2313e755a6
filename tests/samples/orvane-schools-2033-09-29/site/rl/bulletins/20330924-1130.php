<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Radio Lisière 104.1 · Pilot whales stranded on the Lisière flats</title>
<meta name="generator" content="OndeCMS 3.2">
</head>
<body class="rl">
<div class="rl-strip">Radio Lisière 104.1 FM · Lisière · Orvane · Saint-Ambroise &nbsp;|&nbsp; <a href="/rl/direct">Listen live</a> · <a href="/rl/bulletins/">News</a> · <a href="/rl/meteo">Weather</a></div>
<div class="rl-bulletin">
  <div class="rl-when">Saturday 24.09.2033 · 11:30</div>
  <h2 class="rl-title">Pilot whales stranded on the Lisière flats</h2>
  <div class="rl-host">With Yvette Marais</div>
  <p>A school of about forty pilot whales came ashore on the Lisière mudflats at low tide this morning, and volunteers have been keeping them wet with buckets and bedsheets since seven.</p>
  <p>By eleven, rescuers from the coastal mammal network had floated twenty-three of them back out on the rising tide. Seven have died. The others are still on the sand near the old ferry slip.</p>
  <p>Marine biologist Oskar Lindgren told us the whole school will often follow one sick or confused animal into the shallows. The water in the bay has been two degrees warmer than normal all month.</p>
  <p>The town asks people to keep dogs away and to leave the car parks on Quai Sud free for the rescue trucks.</p>
</div>
<div class="rl-legal">Radio Lisière 104.1 is a fictional station made up for software tests. Bulletins are transcribed from air and lightly edited.</div>
</body>
</html>
