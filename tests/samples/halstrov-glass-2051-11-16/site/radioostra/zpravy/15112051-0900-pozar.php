<!DOCTYPE html>
<html lang="cs">
<head>
<meta charset="utf-8">
<title>Požár ve sklárně v Brodci – Rádio Ostrá 96.1</title>
</head>
<body>
<div class="ro-bar"><b>RÁDIO OSTRÁ 96.1 FM</b> · hlas údolí · <a href="/radioostra/zive">Živě</a> · <a href="/radioostra/zpravy/">Zprávy</a> · <a href="/radioostra/doprava">Doprava</a></div>
<div class="ro-transcript">
<p class="ro-stamp">st 15. 11. 2051 · 09:00</p>
<h2>Požár ve sklárně v Brodci</h2>
<p><b>Moderátorka (Hana Vlčková):</b> Devět hodin. V noci hořelo v brodecké sklárně na obalové sklo. Oheň v míchárně kmene hasilo jedenáct jednotek, zraněný nikdo není.</p>
<p><b>Moderátorka:</b> Výroba lahví bude stát nejméně dva dny.</p>
</div>
<div class="ro-foot">Přepis zpráv tak, jak byly odvysílány · Transcript of the bulletin as broadcast. Rádio Ostrá is a fictional station invented for software tests.</div>
</body>
</html>
