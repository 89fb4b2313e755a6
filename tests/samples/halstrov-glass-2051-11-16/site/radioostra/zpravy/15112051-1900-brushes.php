<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Brushes back in hand at Dolní Lom – Rádio Ostrá 96.1</title>
</head>
<body>
<div class="ro-bar"><b>RÁDIO OSTRÁ 96.1 FM</b> · hlas údolí · <a href="/radioostra/zive">Živě</a> · <a href="/radioostra/zpravy/">Zprávy</a> · <a href="/radioostra/doprava">Doprava</a></div>
<div class="ro-transcript">
<p class="ro-stamp">st 15. 11. 2051 · 19:00</p>
<h2>Brushes back in hand at Dolní Lom</h2>
<p><b>Newsreader (Adam Říha):</b> Seven o'clock. The painting hall in Dolní Lom is lit again tonight. A two-year agreement was signed this afternoon after a night of talks with the regional mediator.</p>
<p><b>Reporter (Jakub Novák-Pearce):</b> The afternoon shift came in to applause from the people going home. Pay goes up in two steps, in January and a year later, and everyone gets a one-off payment before Christmas.</p>
</div>
<div class="ro-foot">Přepis zpráv tak, jak byly odvysílány · Transcript of the bulletin as broadcast. Rádio Ostrá is a fictional station invented for software tests.</div>
</body>
</html>
