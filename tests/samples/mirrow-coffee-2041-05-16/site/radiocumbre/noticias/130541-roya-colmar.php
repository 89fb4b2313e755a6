<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Rust alert for Colmar's coffee · Radio Cumbre 104.7</title>
</head>
<body>
<div class="rc-head"><b>RADIO CUMBRE 104.7</b> · la voz de la sierra · the voice of the highlands · <a href="/radiocumbre/envivo">En vivo / Listen live</a> · <a href="/radiocumbre/noticias/">Noticias</a> · <a href="/radiocumbre/precios">Precio del día</a> · <a href="/radiocumbre/clima">Clima</a></div>
<div class="rc-item">
<span class="rc-time">lun 13.05.2041 · 18:30</span>
<h2>Rust alert for Colmar's coffee</h2>
<p>The Coffee Board has put the Colmar valley on orange alert for leaf rust, after finding the fungus on 38 of every hundred farms it checked. Growers are told to spray within ten days, and small farms can ask the board for free fungicide.</p>
<span class="rc-voice">Read on air by Saúl Montiel-Brandt</span>
</div>
<div class="rc-foot">Radio Cumbre 104.7 is a fictional station invented for software tests. Texts are the bulletins as read on air.</div>
</body>
</html>
