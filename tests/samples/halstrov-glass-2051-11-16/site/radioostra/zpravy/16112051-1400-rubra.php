<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Check your kitchen tiles – Rádio Ostrá 96.1</title>
</head>
<body>
<div class="ro-bar"><b>RÁDIO OSTRÁ 96.1 FM</b> · hlas údolí · <a href="/radioostra/zive">Živě</a> · <a href="/radioostra/zpravy/">Zprávy</a> · <a href="/radioostra/doprava">Doprava</a></div>
<div class="ro-transcript">
<p class="ro-stamp">čt 16. 11. 2051 · 14:00</p>
<h2>Check your kitchen tiles</h2>
<p><b>Newsreader (Adam Říha):</b> Two o'clock. If you bought red Rubra wall tiles from Stavmart since the summer, stop using the surface for food. The trade inspection says the glaze gives off cadmium; the maker, Corvell, will take them back and pay to remove them.</p>
</div>
<div class="ro-foot">Přepis zpráv tak, jak byly odvysílány · Transcript of the bulletin as broadcast. Rádio Ostrá is a fictional station invented for software tests.</div>
</body>
</html>
