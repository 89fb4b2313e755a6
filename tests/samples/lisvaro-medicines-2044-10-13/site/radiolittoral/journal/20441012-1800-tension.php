<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Blood-pressure tablets: what to do – Radio Littoral 98.6</title>
</head>
<body>
<div class="rl-bar"><b>RADIO LITTORAL 98.6</b> · la radio de la côte · <a href="/radiolittoral/direct.php">Écouter en direct</a> · <a href="/radiolittoral/journal/">Journal</a> · <a href="/radiolittoral/meteo-marine.php">Météo marine</a></div>
<div class="rl-transcript">
<p class="rl-stamp">mer. 12/10/2044 · 18h00</p>
<h2>Blood-pressure tablets: what to do</h2>
<b>Newsreader (Colette Haddad-Brun):</b> Six o'clock. If you take tablets for high blood pressure, keep taking them. That is the message tonight from pharmacists after the Vellanne company Ostrelle recalled thirty-seven batches of its lorvasartan tablets this morning.
<b>Reporter (Bertrand Osei-Marchal), at a pharmacy in Saint-Aubrel:</b> The company found what it calls a nitrosamine impurity, at up to three point two times the limit, in tablets made between February and August. About sixty-two thousand people take Ostrelle's version. The pharmacist here tells me she has swapped forty boxes since lunchtime, free of charge, for the same medicine from another maker. She says nobody should throw tablets away or stop without talking to someone first.
<b>Newsreader:</b> And the risk?
<b>Reporter:</b> The medicines agency says very low, and over many years. It will publish the full list of batch numbers tomorrow.
</div>
<div class="rl-foot">Transcription du journal tel que lu à l'antenne · Transcript of the bulletin as read on air. Radio Littoral is a fictional station invented for software tests.</div>
</body>
</html>
