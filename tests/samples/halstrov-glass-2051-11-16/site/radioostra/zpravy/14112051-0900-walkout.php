<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Porcelain workers walk out at Bílá Hora – Rádio Ostrá 96.1</title>
</head>
<body>
<div class="ro-bar"><b>RÁDIO OSTRÁ 96.1 FM</b> · hlas údolí · <a href="/radioostra/zive">Živě</a> · <a href="/radioostra/zpravy/">Zprávy</a> · <a href="/radioostra/doprava">Doprava</a></div>
<div class="ro-transcript">
<p class="ro-stamp">út 14. 11. 2051 · 09:00</p>
<h2>Porcelain workers walk out at Bílá Hora</h2>
<p><b>Newsreader (Hana Vlčková):</b> Nine o'clock. Workers at Bílá Hora Porcelain in Dolní Lom have stopped work this morning in a row over pay; the union says eight hundred and sixty people are out.</p>
<p><b>Reporter (Jakub Novák-Pearce):</b> The decorating hall is empty. The union wants nine percent, management has offered four, and nobody here is saying how long this will last.</p>
</div>
<div class="ro-foot">Přepis zpráv tak, jak byly odvysílány · Transcript of the bulletin as broadcast. Rádio Ostrá is a fictional station invented for software tests.</div>
</body>
</html>
