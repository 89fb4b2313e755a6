<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Pharmacy closure called off – Radio Littoral 98.6</title>
</head>
<body>
<div class="rl-bar"><b>RADIO LITTORAL 98.6</b> · la radio de la côte · <a href="/radiolittoral/direct.php">Écouter en direct</a> · <a href="/radiolittoral/journal/">Journal</a> · <a href="/radiolittoral/meteo-marine.php">Météo marine</a></div>
<div class="rl-transcript">
<p class="rl-stamp">jeu. 13/10/2044 · 07h00</p>
<h2>Pharmacy closure called off</h2>
<b>Newsreader (Karim Lenoir-Vasseur):</b> Good morning. Your pharmacy will be open next week after all. The pharmacists' union and the health ministry signed a deal just after eleven last night: the fee for each item dispensed goes up from one dorin ten to one dorin forty in January, and to one sixty the year after, and pharmacists will be able to give flu and RSV jabs to adults without a doctor's prescription from November. The two-day closure planned for the twentieth and twenty-first is off.
</div>
<div class="rl-foot">Transcription du journal tel que lu à l'antenne · Transcript of the bulletin as read on air. Radio Littoral is a fictional station invented for software tests.</div>
</body>
</html>
