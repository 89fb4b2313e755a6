<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Alerte précoce : le réseau Pétrel enfin confié · Radio Kell 89.5</title>
</head>
<body>
<div class="rk-head"><b>RADIO KELL 89.5</b> · la radio du détroit · the Sound's radio · <a href="/radiokell/direct">Écouter / Listen live</a> · <a href="/radiokell/nouvelles/">Nouvelles / News</a> · <a href="/radiokell/marees">Tides</a> · <a href="/radiokell/routes">Roads</a></div>
<div class="rk-item">
<span class="rk-time">mer. 19.11.2042 · 11:00</span>
<h2>Alerte précoce : le réseau Pétrel enfin confié</h2>
<p>Le gouvernement a enfin tranché : c'est Géosystèmes Halvard qui posera au fond du détroit le réseau d'alerte précoce Pétrel, un câble de cent quarante kilomètres et trente-six capteurs pour quatre-vingt-seize millions de dollars. D'ici 2045, les villes de la côte pourraient recevoir une alerte de dix à vingt-cinq secondes avant les fortes secousses.</p>
<span class="rk-voice">Lu en ondes par Ines Caldwell-Roy</span>
</div>
<div class="rk-foot">Radio Kell 89.5 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
