<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Radio Lisière 104.1 · Asbestos shuts the main library on Vanne Hill</title>
<meta name="generator" content="OndeCMS 3.2">
</head>
<body class="rl">
<div class="rl-strip">Radio Lisière 104.1 FM · Lisière · Orvane · Saint-Ambroise &nbsp;|&nbsp; <a href="/rl/direct">Listen live</a> · <a href="/rl/bulletins/">News</a> · <a href="/rl/meteo">Weather</a></div>
<div class="rl-bulletin">
  <div class="rl-when">Wednesday 28.09.2033 · 12:00</div>
  <h2 class="rl-title">Asbestos shuts the main library on Vanne Hill</h2>
  <div class="rl-host">With Tomas Bell</div>
  <p>The biggest library at the University of Orvane is closed this morning, and it will stay closed for at least three weeks. Workers replacing ventilation ducts in the Delorme Library found asbestos above a ceiling on the third floor last night.</p>
  <p>The university shut the building at half past seven. Nine of the contractor's workers are being offered medical checks. Students were not on that floor, which had been closed for the works since August.</p>
  <p>That takes about two thousand three hundred study seats out of use just before midterms. Books can be requested at a desk in Kessel Hall, which will stay open day and night.</p>
  <p>Students we spoke to at the Kessel Hall queue were not impressed. One told us she found out from a sign taped to the door.</p>
</div>
<div class="rl-legal">Radio Lisière 104.1 is a fictional station made up for software tests. Bulletins are transcribed from air and lightly edited.</div>
</body>
</html>
