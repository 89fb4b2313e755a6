<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Uitslag stemming Bouwbond – Radio Getij 98.4</title>
</head>
<body>
<div class="rg-bar"><b>RADIO GETIJ 98.4 FM</b> · de stem van de delta · <a href="/radiogetij/live">Luister live</a> · <a href="/radiogetij/nieuws/">Nieuws</a> · <a href="/radiogetij/waterstanden">Waterstanden</a> · <a href="/radiogetij/verkeer">Verkeer</a></div>
<div class="rg-transcript">
<p class="rg-stamp">wo 21-02-2046 · 00:30</p>
<h2>Uitslag stemming Bouwbond</h2>
<b>Nachtnieuwslezer (Joost Leeflang-Boateng):</b> De leden van vakbond Bouwbond hebben met achtenzeventig procent voor een landelijke actie gestemd; de opkomst was vierenzestig procent. Werkgevers en vakbond hebben tot donderdagochtend zes uur om alsnog een akkoord te bereiken.
</div>
<div class="rg-foot">Uitgeschreven nieuwsbulletin zoals uitgezonden · Transcript of the bulletin as broadcast. Radio Getij is a fictional station invented for software tests.</div>
</body>
</html>
