<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ruta 9 open again at Tres Cruces · Radio Cumbre 104.7</title>
</head>
<body>
<div class="rc-head"><b>RADIO CUMBRE 104.7</b> · la voz de la sierra · the voice of the highlands · <a href="/radiocumbre/envivo">En vivo / Listen live</a> · <a href="/radiocumbre/noticias/">Noticias</a> · <a href="/radiocumbre/precios">Precio del día</a> · <a href="/radiocumbre/clima">Clima</a></div>
<div class="rc-item">
<span class="rc-time">mié 15.05.2041 · 16:30</span>
<h2>Ruta 9 open again at Tres Cruces</h2>
<p>Traffic is moving again at Tres Cruces after coffee growers ended their eleven-hour blockade, and the concert that came with it, at four this afternoon. The agriculture minister will see their leaders on Monday about their demand for a minimum price.</p>
<span class="rc-voice">Read on air by Saúl Montiel-Brandt</span>
</div>
<div class="rc-foot">Radio Cumbre 104.7 is a fictional station invented for software tests. Texts are the bulletins as read on air.</div>
</body>
</html>
