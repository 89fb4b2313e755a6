<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Radio Lisière 104.1 · School buses: 22 rural routes become 13 from next Monday</title>
<meta name="generator" content="OndeCMS 3.2">
</head>
<body class="rl">
<div class="rl-strip">Radio Lisière 104.1 FM · Lisière · Orvane · Saint-Ambroise &nbsp;|&nbsp; <a href="/rl/direct">Listen live</a> · <a href="/rl/bulletins/">News</a> · <a href="/rl/meteo">Weather</a></div>
<div class="rl-bulletin">
  <div class="rl-when">Monday 26.09.2033 · 12:00</div>
  <h2 class="rl-title">School buses: 22 rural routes become 13 from next Monday</h2>
  <div class="rl-host">With Yvette Marais</div>
  <p>From next Monday, about 1,900 pupils in Tessory and Marrowby will ride fewer, longer bus routes. The English public school board says it is merging twenty-two rural routes into thirteen because its bus contractor, Vanne Coachlines, is thirty-one drivers short.</p>
  <p>Some pick-ups will move as early as ten to seven in the morning, and a few rides will be up to twenty-five minutes longer each way, board transport director Len Osgood said.</p>
  <p>The board says the change is temporary and that Vanne Coachlines is training twelve new drivers who should be on the road by November.</p>
  <p>Parents in Tessory told us they heard about it from a letter sent home in backpacks on Friday.</p>
</div>
<div class="rl-legal">Radio Lisière 104.1 is a fictional station made up for software tests. Bulletins are transcribed from air and lightly edited.</div>
</body>
</html>
