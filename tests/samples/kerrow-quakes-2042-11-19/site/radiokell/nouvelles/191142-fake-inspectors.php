<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Fake inspectors arrested in Vaudrey · Radio Kell 89.5</title>
</head>
<body>
<div class="rk-head"><b>RADIO KELL 89.5</b> · la radio du détroit · the Sound's radio · <a href="/radiokell/direct">Écouter / Listen live</a> · <a href="/radiokell/nouvelles/">Nouvelles / News</a> · <a href="/radiokell/marees">Tides</a> · <a href="/radiokell/routes">Roads</a></div>
<div class="rk-item">
<span class="rk-time">mer. 19.11.2042 · 15:00</span>
<h2>Fake inspectors arrested in Vaudrey</h2>
<p>Police have arrested two men from Port-Mérac who went door to door in Vaudrey's lower town in orange vests, calling themselves building safety inspectors and charging two hundred and fifty dollars cash for a green tag; thirty-eight households paid. Remember: real inspectors carry photo ID, and their visits are free.</p>
<span class="rk-voice">Read on air by Ines Caldwell-Roy</span>
</div>
<div class="rk-foot">Radio Kell 89.5 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
