<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Vaudrey's market hall will come down · Radio Kell 89.5</title>
</head>
<body>
<div class="rk-head"><b>RADIO KELL 89.5</b> · la radio du détroit · the Sound's radio · <a href="/radiokell/direct">Écouter / Listen live</a> · <a href="/radiokell/nouvelles/">Nouvelles / News</a> · <a href="/radiokell/marees">Tides</a> · <a href="/radiokell/routes">Roads</a></div>
<div class="rk-item">
<span class="rk-time">mer. 19.11.2042 · 12:00</span>
<h2>Vaudrey's market hall will come down</h2>
<p>Vaudrey council has voted six to three to demolish the Harbour Market hall, the 1898 landmark on the quay that lost its roof and west wall in Tuesday's earthquake; the wrecking crews start on Monday. The thirty-eight stallholders will sell from a heated tent on Quai Marchand from the first of December.</p>
<span class="rk-voice">Read on air by Lucien Marsh-Gagnon</span>
</div>
<div class="rk-foot">Radio Kell 89.5 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
