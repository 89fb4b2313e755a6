<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Vaudrey: three dead, hundreds in the arena · Radio Kell 89.5</title>
</head>
<body>
<div class="rk-head"><b>RADIO KELL 89.5</b> · la radio du détroit · the Sound's radio · <a href="/radiokell/direct">Écouter / Listen live</a> · <a href="/radiokell/nouvelles/">Nouvelles / News</a> · <a href="/radiokell/marees">Tides</a> · <a href="/radiokell/routes">Roads</a></div>
<div class="rk-item">
<span class="rk-time">mar. 18.11.2042 · 12:00</span>
<h2>Vaudrey: three dead, hundreds in the arena</h2>
<p>Three people are dead and sixty-one have been hurt after the earthquake that woke the whole south coast at a quarter past two this morning; the Seismic Network now puts it at magnitude six point three, about twenty kilometres out under Kell Sound. About four hundred people have signed in at the Centre Lapointe arena, the old market hall on the harbour has come down, and if you are in Vaudrey, stay out of any building with a crack you can put your finger in.</p>
<span class="rk-voice">Read on air by Ines Caldwell-Roy</span>
</div>
<div class="rk-foot">Radio Kell 89.5 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
