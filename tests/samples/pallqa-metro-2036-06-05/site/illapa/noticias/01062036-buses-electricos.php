<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ATUP orders 240 electric buses – Radio Illapa 97.3</title>
</head>
<body>
<div id="ri-bar"><span class="ri-logo">RADIO ILLAPA 97.3 FM</span> <span>La voz de Pallqa · The voice of Pallqa</span> <a href="/illapa/envivo">En vivo / Listen live</a> <a href="/illapa/noticias/">Noticias</a> <a href="/illapa/transito">Tránsito</a> <a href="/illapa/clima">Clima</a></div>
<div id="ri-news">
<div class="ri-when">dom 01/06/2036 · 18:00</div>
<h1>ATUP orders 240 electric buses</h1>
<p>The Pallqa Urban Transport Authority has ordered 240 electric buses from Qolla Motors for 612 million soles.</p>
<p>The first ones arrive in March next year and will replace diesel buses older than fifteen years, starting on the Av. Pachakuti trunk route.</p>
</div>
<div id="ri-foot">Radio Illapa 97.3 is a fictional station invented for software tests. News items are transcribed from air. Jr. Puno 118, Pallqa City.</div>
</body>
</html>
