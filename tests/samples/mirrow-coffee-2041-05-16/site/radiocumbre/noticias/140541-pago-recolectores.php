<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>Sube el pago mínimo por lata de café: 26 mirrales · Radio Cumbre 104.7</title>
</head>
<body>
<div class="rc-head"><b>RADIO CUMBRE 104.7</b> · la voz de la sierra · the voice of the highlands · <a href="/radiocumbre/envivo">En vivo / Listen live</a> · <a href="/radiocumbre/noticias/">Noticias</a> · <a href="/radiocumbre/precios">Precio del día</a> · <a href="/radiocumbre/clima">Clima</a></div>
<div class="rc-item">
<span class="rc-time">mar 14.05.2041 · 19:45</span>
<h2>Sube el pago mínimo por lata de café: 26 mirrales</h2>
<p>El Ministerio de Trabajo fijó esta noche en 26 mirrales el pago mínimo por cada lata de café cereza recolectada, frente a los 21 de la cosecha pasada, a partir de octubre. Los caficultores dicen que con los precios de hoy no les alcanza para pagarlo.</p>
<span class="rc-voice">Leído al aire por Amalia Restrepo-Quist</span>
</div>
<div class="rc-foot">Radio Cumbre 104.7 is a fictional station invented for software tests. Texts are the bulletins as read on air.</div>
</body>
</html>
