<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Scaffolds empty from Velderhaven to Schellinge – Radio Getij 98.4</title>
</head>
<body>
<div class="rg-bar"><b>RADIO GETIJ 98.4 FM</b> · de stem van de delta · <a href="/radiogetij/live">Luister live</a> · <a href="/radiogetij/nieuws/">Nieuws</a> · <a href="/radiogetij/waterstanden">Waterstanden</a> · <a href="/radiogetij/verkeer">Verkeer</a></div>
<div class="rg-transcript">
<p class="rg-stamp">do 22-02-2046 · 08:00</p>
<h2>Scaffolds empty from Velderhaven to Schellinge</h2>
<b>Newsreader (Yara Hoekstra-Bello):</b> It is eight o'clock. If you drove past a building site this morning and thought it looked very quiet, you were right.
<b>Reporter (Kofi Brouwer-Tjon), at the ring road in Oostkreek:</b> Behind me there are three tower cranes, and not one of them has moved since dawn. About twenty people are standing at the gate with coffee and a brazier. They are bricklayers, carpenters, a couple of crane drivers. They will be here until six tomorrow morning. They want six percent more pay, and they want a harness rule that the employers have been putting off since a scaffolder fell to his death in Schellinge before Christmas.
<b>Newsreader:</b> Thank you, Kofi. The employers say they will not improve their offer while people are standing at the gates.
</div>
<div class="rg-foot">Uitgeschreven nieuwsbulletin zoals uitgezonden · Transcript of the bulletin as broadcast. Radio Getij is a fictional station invented for software tests.</div>
</body>
</html>
