<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Vaccin contre le VRS : gratuit dès le 14 novembre – Radio Littoral 98.6</title>
</head>
<body>
<div class="rl-bar"><b>RADIO LITTORAL 98.6</b> · la radio de la côte · <a href="/radiolittoral/direct.php">Écouter en direct</a> · <a href="/radiolittoral/journal/">Journal</a> · <a href="/radiolittoral/meteo-marine.php">Météo marine</a></div>
<div class="rl-transcript">
<p class="rl-stamp">jeu. 13/10/2044 · 08h00</p>
<h2>Vaccin contre le VRS : gratuit dès le 14 novembre</h2>
<b>Présentatrice (Nadège Fournier-Abiola) :</b> Le premier vaccin contre le virus respiratoire syncytial fabriqué à Lisvaro a reçu hier son autorisation. Le Sorvina, du laboratoire Corvanne de Marenc, s'administre en une seule injection aux plus de soixante ans.
<b>Reporter (Julien Mbarga-Leclerc) :</b> Dans l'essai clinique, vingt et un mille quatre cents adultes : soixante-dix-neuf pour cent d'infections pulmonaires en moins sur un hiver. Le ministère commande quatre cent mille doses. La vaccination sera gratuite à partir du quatorze novembre, en pharmacie ou chez le médecin, d'abord pour les plus de soixante-quinze ans et les résidents de maisons de retraite.
</div>
<div class="rl-foot">Transcription du journal tel que lu à l'antenne · Transcript of the bulletin as read on air. Radio Littoral is a fictional station invented for software tests.</div>
</body>
</html>
