<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Pharmacies : le ministre invite le syndicat à négocier – Radio Littoral 98.6</title>
</head>
<body>
<div class="rl-bar"><b>RADIO LITTORAL 98.6</b> · la radio de la côte · <a href="/radiolittoral/direct.php">Écouter en direct</a> · <a href="/radiolittoral/journal/">Journal</a> · <a href="/radiolittoral/meteo-marine.php">Météo marine</a></div>
<div class="rl-transcript">
<p class="rl-stamp">mer. 12/10/2044 · 01h30</p>
<h2>Pharmacies : le ministre invite le syndicat à négocier</h2>
<b>Journal de la nuit (Karim Lenoir-Vasseur) :</b> Premier signe d'ouverture dans le conflit des pharmacies. Le ministre de la Santé, Raphaël Dumontet-Kaur, a invité mardi soir le Syndicat des pharmaciens de Lisvaro à une réunion au ministère cet après-midi, à quinze heures.
<p>Le syndicat accepte de venir mais maintient son appel à fermer les mille cent quatre-vingts officines du pays les jeudi vingt et vendredi vingt et un octobre. Il réclame un honoraire de un dorin soixante-cinq par ligne d'ordonnance, contre un dorin dix aujourd'hui.</p>
</div>
<div class="rl-foot">Transcription du journal tel que lu à l'antenne · Transcript of the bulletin as read on air. Radio Littoral is a fictional station invented for software tests.</div>
</body>
</html>
