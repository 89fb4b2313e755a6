<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Corporaties in Velderhaven en Gravenmeer willen samen verder – Radio Getij 98.4</title>
</head>
<body>
<div class="rg-bar"><b>RADIO GETIJ 98.4 FM</b> · de stem van de delta · <a href="/radiogetij/live">Luister live</a> · <a href="/radiogetij/nieuws/">Nieuws</a> · <a href="/radiogetij/waterstanden">Waterstanden</a> · <a href="/radiogetij/verkeer">Verkeer</a></div>
<div class="rg-transcript">
<p class="rg-stamp">wo 21-02-2046 · 18:00</p>
<h2>Corporaties in Velderhaven en Gravenmeer willen samen verder</h2>
<b>Nieuwslezer (Daan Vermeulen-Asante):</b> Woonstede Delta en Gravenmeer Wonen willen fuseren. Samen hebben ze honderddrieduizend huurwoningen, in negen gemeenten. Volgend jaar januari moet het rond zijn.
<b>Verslaggever (Ilse Koster-N'Diaye), in Gravenmeer:</b> Hier in Gravenmeer zijn huurders er niet gerust op. Ze zijn bang dat hun huur omhoog gaat naar het niveau van Woonstede, en dat het kantoor hier straks dichtgaat. De directie belooft dat dat niet gebeurt. De huurdersraden moeten nog instemmen, en het ministerie ook.
</div>
<div class="rg-foot">Uitgeschreven nieuwsbulletin zoals uitgezonden · Transcript of the bulletin as broadcast. Radio Getij is a fictional station invented for software tests.</div>
</body>
</html>
