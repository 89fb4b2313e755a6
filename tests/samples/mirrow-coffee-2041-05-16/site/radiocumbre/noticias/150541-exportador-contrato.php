<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ten-year coffee contract for a port exporter · Radio Cumbre 104.7</title>
</head>
<body>
<div class="rc-head"><b>RADIO CUMBRE 104.7</b> · la voz de la sierra · the voice of the highlands · <a href="/radiocumbre/envivo">En vivo / Listen live</a> · <a href="/radiocumbre/noticias/">Noticias</a> · <a href="/radiocumbre/precios">Precio del día</a> · <a href="/radiocumbre/clima">Clima</a></div>
<div class="rc-item">
<span class="rc-time">mié 15.05.2041 · 18:00</span>
<h2>Ten-year coffee contract for a port exporter</h2>
<p>A Puerto Brisal coffee exporter has signed a ten-year agreement to sell forty-two thousand sacks a year to a roasting company overseas. It also says it will build a new dry mill beside the docks.</p>
<span class="rc-voice">Read on air by Saúl Montiel-Brandt</span>
</div>
<div class="rc-foot">Radio Cumbre 104.7 is a fictional station invented for software tests. Texts are the bulletins as read on air.</div>
</body>
</html>
