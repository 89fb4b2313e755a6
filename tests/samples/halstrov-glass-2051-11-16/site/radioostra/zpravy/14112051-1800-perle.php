<!DOCTYPE html>
<html lang="cs">
<head>
<meta charset="utf-8">
<title>Perle ze Sklenné Lhoty chráněny – Rádio Ostrá 96.1</title>
</head>
<body>
<div class="ro-bar"><b>RÁDIO OSTRÁ 96.1 FM</b> · hlas údolí · <a href="/radioostra/zive">Živě</a> · <a href="/radioostra/zpravy/">Zprávy</a> · <a href="/radioostra/doprava">Doprava</a></div>
<div class="ro-transcript">
<p class="ro-stamp">út 14. 11. 2051 · 18:00</p>
<h2>Perle ze Sklenné Lhoty chráněny</h2>
<p><b>Moderátor (Adam Říha):</b> Vinuté skleněné perle ze Sklenné Lhoty mají od dnešního dne chráněné označení původu. Název Lhotecké perle smí nést jen korálky vyrobené ručně v obci a okolí.</p>
<p><b>Moderátor:</b> O zápis žádalo družstvo Perlička, které má čtyřicet jedna členů.</p>
</div>
<div class="ro-foot">Přepis zpráv tak, jak byly odvysílány · Transcript of the bulletin as broadcast. Rádio Ostrá is a fictional station invented for software tests.</div>
</body>
</html>
