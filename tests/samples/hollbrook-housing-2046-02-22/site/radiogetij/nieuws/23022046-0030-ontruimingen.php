<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Winter eviction ban extended – Radio Getij 98.4</title>
</head>
<body>
<div class="rg-bar"><b>RADIO GETIJ 98.4 FM</b> · de stem van de delta · <a href="/radiogetij/live">Luister live</a> · <a href="/radiogetij/nieuws/">Nieuws</a> · <a href="/radiogetij/waterstanden">Waterstanden</a> · <a href="/radiogetij/verkeer">Verkeer</a></div>
<div class="rg-transcript">
<p class="rg-stamp">vr 23-02-2046 · 00:30</p>
<h2>Winter eviction ban extended</h2>
<b>Night newsreader (Joost Leeflang-Boateng):</b> The housing minister has extended the winter ban on evictions by two weeks, to the fifteenth of March, because the frost is forecast to last; bailiffs were told just before midnight that no tenant may be put out of their home until then. The ban was due to end on the first of March.
</div>
<div class="rg-foot">Uitgeschreven nieuwsbulletin zoals uitgezonden · Transcript of the bulletin as broadcast. Radio Getij is a fictional station invented for software tests.</div>
</body>
</html>
