<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Band nights are back at Café Altura · Radio Cumbre 104.7</title>
</head>
<body>
<div class="rc-head"><b>RADIO CUMBRE 104.7</b> · la voz de la sierra · the voice of the highlands · <a href="/radiocumbre/envivo">En vivo / Listen live</a> · <a href="/radiocumbre/noticias/">Noticias</a> · <a href="/radiocumbre/precios">Precio del día</a> · <a href="/radiocumbre/clima">Clima</a></div>
<div class="rc-item">
<span class="rc-time">lun 13.05.2041 · 08:15</span>
<h2>Band nights are back at Café Altura</h2>
<p>The café chain Café Altura is bringing back its Friday band nights at all nine of its Santa Albera branches, starting this week with the cumbia group Los del Cerro. Entry is free with any coffee, and the chain says it wants local bands on its little stages every week until December.</p>
<span class="rc-voice">Read on air by Saúl Montiel-Brandt</span>
</div>
<div class="rc-foot">Radio Cumbre 104.7 is a fictional station invented for software tests. Texts are the bulletins as read on air.</div>
</body>
</html>
