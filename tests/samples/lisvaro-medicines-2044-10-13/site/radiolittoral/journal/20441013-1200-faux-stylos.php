<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Fake weight-loss pens seized at Vellanne – Radio Littoral 98.6</title>
</head>
<body>
<div class="rl-bar"><b>RADIO LITTORAL 98.6</b> · la radio de la côte · <a href="/radiolittoral/direct.php">Écouter en direct</a> · <a href="/radiolittoral/journal/">Journal</a> · <a href="/radiolittoral/meteo-marine.php">Météo marine</a></div>
<div class="rl-transcript">
<p class="rl-stamp">jeu. 13/10/2044 · 12h00</p>
<h2>Fake weight-loss pens seized at Vellanne</h2>
<b>Newsreader (Colette Haddad-Brun):</b> Customs officers at Vellanne port have seized one thousand two hundred and fifty fake weight-loss injection pens hidden in a container of kitchenware, the medicines agency said this morning. The agency says the pens contained insulin, not the medicine on the label, and could put people into a coma: do not buy these injections online.
</div>
<div class="rl-foot">Transcription du journal tel que lu à l'antenne · Transcript of the bulletin as read on air. Radio Littoral is a fictional station invented for software tests.</div>
</body>
</html>
