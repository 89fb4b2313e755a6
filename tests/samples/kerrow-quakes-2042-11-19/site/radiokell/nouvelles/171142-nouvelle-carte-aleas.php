<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Nouvelle carte des aléas sismiques : la côte de Kell en rouge · Radio Kell 89.5</title>
</head>
<body>
<div class="rk-head"><b>RADIO KELL 89.5</b> · la radio du détroit · the Sound's radio · <a href="/radiokell/direct">Écouter / Listen live</a> · <a href="/radiokell/nouvelles/">Nouvelles / News</a> · <a href="/radiokell/marees">Tides</a> · <a href="/radiokell/routes">Roads</a></div>
<div class="rk-item">
<span class="rk-time">lun. 17.11.2042 · 12:00</span>
<h2>Nouvelle carte des aléas sismiques : la côte de Kell en rouge</h2>
<p>Le Réseau sismique du Kerrow a publié ce matin sa nouvelle carte des aléas : sur la côte du détroit de Kell, les secousses attendues augmentent de trente à quarante pour cent, et Vaudrey passe de zéro virgule trente-deux à zéro virgule quarante-quatre g. En cause, un segment de faille sous-marin de trente-huit kilomètres, le segment Gannet, qui pourrait à lui seul produire un séisme de magnitude sept.</p>
<span class="rk-voice">Lu en ondes par Ines Caldwell-Roy</span>
</div>
<div class="rk-foot">Radio Kell 89.5 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
