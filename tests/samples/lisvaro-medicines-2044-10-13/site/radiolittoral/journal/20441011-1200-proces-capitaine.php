<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Procès du Bellegarde : le capitaine à la barre – Radio Littoral 98.6</title>
</head>
<body>
<div class="rl-bar"><b>RADIO LITTORAL 98.6</b> · la radio de la côte · <a href="/radiolittoral/direct.php">Écouter en direct</a> · <a href="/radiolittoral/journal/">Journal</a> · <a href="/radiolittoral/meteo-marine.php">Météo marine</a></div>
<div class="rl-transcript">
<p class="rl-stamp">mar. 11/10/2044 · 12h00</p>
<h2>Procès du Bellegarde : le capitaine à la barre</h2>
<b>Présentatrice (Nadège Fournier-Abiola) :</b> Au tribunal correctionnel de Vellanne, deuxième journée du procès du capitaine du ferry Bellegarde, échoué l'hiver dernier devant la pointe de Cap Varenne. Après le rappel des faits par la présidente, le capitaine a reconnu avoir quitté la passerelle une dizaine de minutes ; l'ordonnance de renvoi lui reproche une mise en danger de la vie de 212 passagers. Verdict attendu vendredi.
</div>
<div class="rl-foot">Transcription du journal tel que lu à l'antenne · Transcript of the bulletin as read on air. Radio Littoral is a fictional station invented for software tests.</div>
</body>
</html>
