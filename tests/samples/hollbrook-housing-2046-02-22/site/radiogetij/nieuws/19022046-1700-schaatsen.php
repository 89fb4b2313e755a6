<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Gratis schaatsen huren in Schellinge – Radio Getij 98.4</title>
</head>
<body>
<div class="rg-bar"><b>RADIO GETIJ 98.4 FM</b> · de stem van de delta · <a href="/radiogetij/live">Luister live</a> · <a href="/radiogetij/nieuws/">Nieuws</a> · <a href="/radiogetij/waterstanden">Waterstanden</a> · <a href="/radiogetij/verkeer">Verkeer</a></div>
<div class="rg-transcript">
<p class="rg-stamp">ma 19-02-2046 · 17:00</p>
<h2>Gratis schaatsen huren in Schellinge</h2>
<b>Nieuwslezer (Daan Vermeulen-Asante):</b> Nu het gaat vriezen, verhuurt de ijsbaan van Schellinge dit weekend gratis schaatsen aan kinderen tot twaalf jaar. Wie zelf schaatsen heeft, kan ze zaterdag tussen tien en vier laten slijpen in de kantine.
</div>
<div class="rg-foot">Uitgeschreven nieuwsbulletin zoals uitgezonden · Transcript of the bulletin as broadcast. Radio Getij is a fictional station invented for software tests.</div>
</body>
</html>
