<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Polderbuurt krijgt nieuwe palen – Radio Getij 98.4</title>
</head>
<body>
<div class="rg-bar"><b>RADIO GETIJ 98.4 FM</b> · de stem van de delta · <a href="/radiogetij/live">Luister live</a> · <a href="/radiogetij/nieuws/">Nieuws</a> · <a href="/radiogetij/waterstanden">Waterstanden</a> · <a href="/radiogetij/verkeer">Verkeer</a></div>
<div class="rg-transcript">
<p class="rg-stamp">do 22-02-2046 · 17:00</p>
<h2>Polderbuurt krijgt nieuwe palen</h2>
<b>Nieuwslezer (Daan Vermeulen-Asante):</b> Twaalfhonderd huizen in de Polderbuurt in Lindewaard krijgen een nieuwe fundering. Het rijk en de gemeente trekken er achtenveertig miljoen daalder voor uit.
<b>Verslaggever (Ilse Koster-N'Diaye), in de Kerkstraat:</b> Ik sta hier bij een huis waar de voordeur al twee jaar niet meer dicht kan. Onder deze straat staan houten palen van meer dan honderd jaar oud, en die rotten weg omdat het grondwater te laag staat. De bewoners moeten vijftien procent zelf betalen, maar ze kunnen daarvoor renteloos lenen. Dit jaar zijn de eerste honderdvijftig huizen aan de beurt.
</div>
<div class="rg-foot">Uitgeschreven nieuwsbulletin zoals uitgezonden · Transcript of the bulletin as broadcast. Radio Getij is a fictional station invented for software tests.</div>
</body>
</html>
