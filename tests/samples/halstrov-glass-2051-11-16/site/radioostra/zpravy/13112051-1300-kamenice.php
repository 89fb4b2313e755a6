<!DOCTYPE html>
<html lang="cs">
<head>
<meta charset="utf-8">
<title>Kamenická sklárna zhasne pec – Rádio Ostrá 96.1</title>
</head>
<body>
<div class="ro-bar"><b>RÁDIO OSTRÁ 96.1 FM</b> · hlas údolí · <a href="/radioostra/zive">Živě</a> · <a href="/radioostra/zpravy/">Zprávy</a> · <a href="/radioostra/doprava">Doprava</a></div>
<div class="ro-transcript">
<p class="ro-stamp">po 13. 11. 2051 · 13:00</p>
<h2>Kamenická sklárna zhasne pec</h2>
<p><b>Moderátorka (Hana Vlčková):</b> Je třináct hodin. Jasenské sklárny zavřou pec K2 v Kamenici a propustí čtyři sta dvacet lidí.</p>
<p><b>Reportér (David Kučera), před branou závodu:</b> Lidé z ranní směny odcházejí mlčky. Pec má vychladnout do konce ledna, firma mluví o drahém plynu.</p>
</div>
<div class="ro-foot">Přepis zpráv tak, jak byly odvysílány · Transcript of the bulletin as broadcast. Rádio Ostrá is a fictional station invented for software tests.</div>
</body>
</html>
