<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>Granizada en Quiraba: 1.800 hectáreas de café dañadas · Radio Cumbre 104.7</title>
</head>
<body>
<div class="rc-head"><b>RADIO CUMBRE 104.7</b> · la voz de la sierra · the voice of the highlands · <a href="/radiocumbre/envivo">En vivo / Listen live</a> · <a href="/radiocumbre/noticias/">Noticias</a> · <a href="/radiocumbre/precios">Precio del día</a> · <a href="/radiocumbre/clima">Clima</a></div>
<div class="rc-item">
<span class="rc-time">jue 16.05.2041 · 07:00</span>
<h2>Granizada en Quiraba: 1.800 hectáreas de café dañadas</h2>
<p>Una granizada de veinticinco minutos dañó ayer por la tarde unas 1.800 hectáreas de cafetales en los Altos de Quiraba, donde viven de la cosecha unas 2.100 familias. La cooperativa San Ciprián pide crédito de emergencia y calcula que en las fincas más golpeadas se perderá hasta el 40 % del café.</p>
<span class="rc-voice">Leído al aire por Amalia Restrepo-Quist</span>
</div>
<div class="rc-foot">Radio Cumbre 104.7 is a fictional station invented for software tests. Texts are the bulletins as read on air.</div>
</body>
</html>
