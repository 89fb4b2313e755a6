<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Radio Lisière 104.1 · Hollin Vale gets its new wing</title>
<meta name="generator" content="OndeCMS 3.2">
</head>
<body class="rl">
<div class="rl-strip">Radio Lisière 104.1 FM · Lisière · Orvane · Saint-Ambroise &nbsp;|&nbsp; <a href="/rl/direct">Listen live</a> · <a href="/rl/bulletins/">News</a> · <a href="/rl/meteo">Weather</a></div>
<div class="rl-bulletin">
  <div class="rl-when">Thursday 29.09.2033 · 09:30</div>
  <h2 class="rl-title">Hollin Vale gets its new wing</h2>
  <div class="rl-host">With Tomas Bell</div>
  <p>Parents at Hollin Vale Elementary in Saint-Ambroise woke up to good news. Last night the trustees of the English public school board approved a $12.4-million addition that will give the school room for 320 more children.</p>
  <p>The vote was nine to two. Builder Dunmore Build will put up a two-storey wing with fourteen classrooms, and the eight portables out back will go when it opens in the fall of 2035.</p>
  <p>The school was built for four hundred and fifty and has six hundred and ten. Lunch is served in three sittings, the first one before eleven.</p>
  <p>The two trustees who voted no both represent Tessory. They say rural schools should have been first in line.</p>
</div>
<div class="rl-legal">Radio Lisière 104.1 is a fictional station made up for software tests. Bulletins are transcribed from air and lightly edited.</div>
</body>
</html>
