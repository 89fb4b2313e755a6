<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Red alert as rust spreads · Radio Cumbre 104.7</title>
</head>
<body>
<div class="rc-head"><b>RADIO CUMBRE 104.7</b> · la voz de la sierra · the voice of the highlands · <a href="/radiocumbre/envivo">En vivo / Listen live</a> · <a href="/radiocumbre/noticias/">Noticias</a> · <a href="/radiocumbre/precios">Precio del día</a> · <a href="/radiocumbre/clima">Clima</a></div>
<div class="rc-item">
<span class="rc-time">jue 16.05.2041 · 12:00</span>
<h2>Red alert as rust spreads</h2>
<p>The Coffee Board has raised its rust alert to red in Colmar and in five towns of the Sierra Tenaz, and now expects a harvest of one point seven two million bags. Small growers can claim free fungicide from a pot of a hundred and twenty million mirrales.</p>
<span class="rc-voice">Read on air by Saúl Montiel-Brandt</span>
</div>
<div class="rc-foot">Radio Cumbre 104.7 is a fictional station invented for software tests. Texts are the bulletins as read on air.</div>
</body>
</html>
