<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Brannick shaken all afternoon · Radio Kell 89.5</title>
</head>
<body>
<div class="rk-head"><b>RADIO KELL 89.5</b> · la radio du détroit · the Sound's radio · <a href="/radiokell/direct">Écouter / Listen live</a> · <a href="/radiokell/nouvelles/">Nouvelles / News</a> · <a href="/radiokell/marees">Tides</a> · <a href="/radiokell/routes">Roads</a></div>
<div class="rk-item">
<span class="rk-time">dim. 16.11.2042 · 18:00</span>
<h2>Brannick shaken all afternoon</h2>
<p>The ground under Brannick has hardly stopped moving since before lunch: the Seismic Network counts more than forty small earthquakes, the biggest a three point nine just after three o'clock that brought a chimney down onto a car on Mill Street. The potash mine has pulled its crews up to the surface, and the library stays shut tomorrow while the cracks in its ceiling are looked at.</p>
<span class="rk-voice">Read on air by Lucien Marsh-Gagnon</span>
</div>
<div class="rk-foot">Radio Kell 89.5 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
