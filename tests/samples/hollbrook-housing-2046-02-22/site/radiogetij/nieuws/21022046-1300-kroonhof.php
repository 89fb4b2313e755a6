<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Inspectors: two hundred homes at De Kroonhof are damp – Radio Getij 98.4</title>
</head>
<body>
<div class="rg-bar"><b>RADIO GETIJ 98.4 FM</b> · de stem van de delta · <a href="/radiogetij/live">Luister live</a> · <a href="/radiogetij/nieuws/">Nieuws</a> · <a href="/radiogetij/waterstanden">Waterstanden</a> · <a href="/radiogetij/verkeer">Verkeer</a></div>
<div class="rg-transcript">
<p class="rg-stamp">wo 21-02-2046 · 13:00</p>
<h2>Inspectors: two hundred homes at De Kroonhof are damp</h2>
<b>Newsreader (Yara Hoekstra-Bello):</b> The housing inspectors say two hundred and twelve of the four hundred and eighty flats on the Kroonhof estate in Oostkreek are so damp that black mould is growing, and Woonstede Delta has twelve weeks to fix them or pay twenty-five thousand daalders a week. Families with children who have asthma are to be moved out within a fortnight.
</div>
<div class="rg-foot">Uitgeschreven nieuwsbulletin zoals uitgezonden · Transcript of the bulletin as broadcast. Radio Getij is a fictional station invented for software tests.</div>
</body>
</html>
