<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Radio Lisière 104.1 · Morning briefing, Thursday</title>
<meta name="generator" content="OndeCMS 3.2">
</head>
<body class="rl">
<div class="rl-strip">Radio Lisière 104.1 FM · Lisière · Orvane · Saint-Ambroise &nbsp;|&nbsp; <a href="/rl/direct">Listen live</a> · <a href="/rl/bulletins/">News</a> · <a href="/rl/meteo">Weather</a></div>
<div class="rl-bulletin">
  <div class="rl-when">Thursday 29.09.2033 · 07:00</div>
  <h2 class="rl-title">Morning briefing, Thursday</h2>
  <div class="rl-host">With Yvette Marais</div>
  <p>Good morning. The teachers' strike planned for Monday is off: the federation and the government reached a tentative deal at 2:40 this morning after talking through the night. Members still have to vote on it. We'll have the details at ten.</p>
  <p>The University of Orvane has a rector-designate. The board chose Ana-Lucía Brevard, provost of Kelmsworth University, on Tuesday. She starts in January.</p>
  <p>The Delorme Library on Vanne Hill stays shut for at least three weeks after asbestos turned up above a ceiling. Kessel Hall is open around the clock in the meantime.</p>
  <p>In Saint-Ambroise, the English school board approved a $12.4-million wing for Hollin Vale Elementary last night. Work starts in April.</p>
  <p>Also in Saint-Ambroise, the Polytechnic is turning the old Brasset tram depot into a trades centre for apprentices, paid for partly by the region.</p>
  <p>On the roads, the Pont-Neuf is down to one lane into Orvane until Saturday. And the weather: sunny, a high of nineteen degrees, wind from the west.</p>
</div>
<div class="rl-legal">Radio Lisière 104.1 is a fictional station made up for software tests. Bulletins are transcribed from air and lightly edited.</div>
</body>
</html>
