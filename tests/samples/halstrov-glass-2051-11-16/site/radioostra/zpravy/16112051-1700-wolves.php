<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Porcelain Wolves add second Brodec night – Rádio Ostrá 96.1</title>
</head>
<body>
<div class="ro-bar"><b>RÁDIO OSTRÁ 96.1 FM</b> · hlas údolí · <a href="/radioostra/zive">Živě</a> · <a href="/radioostra/zpravy/">Zprávy</a> · <a href="/radioostra/doprava">Doprava</a></div>
<div class="ro-transcript">
<p class="ro-stamp">čt 16. 11. 2051 · 17:00</p>
<h2>Porcelain Wolves add second Brodec night</h2>
<p><b>Newsreader (Adam Říha):</b> Five o'clock, and some good news for music fans: the Porcelain Wolves have added a second night at Brodec Arena after the first sold out in an hour. Tickets for the 3 December show go on sale tomorrow at ten.</p>
</div>
<div class="ro-foot">Přepis zpráv tak, jak byly odvysílány · Transcript of the bulletin as broadcast. Rádio Ostrá is a fictional station invented for software tests.</div>
</body>
</html>
