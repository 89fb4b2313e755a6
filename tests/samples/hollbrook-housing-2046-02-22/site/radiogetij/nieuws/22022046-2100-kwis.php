<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Pub quiz title stays in Oostkreek – Radio Getij 98.4</title>
</head>
<body>
<div class="rg-bar"><b>RADIO GETIJ 98.4 FM</b> · de stem van de delta · <a href="/radiogetij/live">Luister live</a> · <a href="/radiogetij/nieuws/">Nieuws</a> · <a href="/radiogetij/waterstanden">Waterstanden</a> · <a href="/radiogetij/verkeer">Verkeer</a></div>
<div class="rg-transcript">
<p class="rg-stamp">do 22-02-2046 · 21:00</p>
<h2>Pub quiz title stays in Oostkreek</h2>
<b>Newsreader (Joost Leeflang-Boateng):</b> For the third year running, the regional pub quiz league has been won by the team from De Zwarte Kat in Oostkreek, captained by the landlord, Gerrit Kooistra-Abebe. The deciding question, he told us, was about the height of a cathedral tower.
</div>
<div class="rg-foot">Uitgeschreven nieuwsbulletin zoals uitgezonden · Transcript of the bulletin as broadcast. Radio Getij is a fictional station invented for software tests.</div>
</body>
</html>
