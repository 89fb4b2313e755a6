<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Low water pressure in upper Vellanne – Radio Littoral 98.6</title>
</head>
<body>
<div class="rl-bar"><b>RADIO LITTORAL 98.6</b> · la radio de la côte · <a href="/radiolittoral/direct.php">Écouter en direct</a> · <a href="/radiolittoral/journal/">Journal</a> · <a href="/radiolittoral/meteo-marine.php">Météo marine</a></div>
<div class="rl-transcript">
<p class="rl-stamp">jeu. 13/10/2044 · 10h00</p>
<h2>Low water pressure in upper Vellanne</h2>
<b>Newsreader (Karim Lenoir-Vasseur):</b> Households in the upper town of Vellanne will have low water pressure until Saturday while the water company replaces a pump at the Les Hauts booster station. Bottled water is being handed out at the school on rue Haute for anyone on the top floors who has none.
</div>
<div class="rl-foot">Transcription du journal tel que lu à l'antenne · Transcript of the bulletin as read on air. Radio Littoral is a fictional station invented for software tests.</div>
</body>
</html>
