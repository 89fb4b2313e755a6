<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Line 3: contract cancelled – Radio Illapa 97.3</title>
</head>
<body>
<div id="ri-bar"><span class="ri-logo">RADIO ILLAPA 97.3 FM</span> <span>La voz de Pallqa · The voice of Pallqa</span> <a href="/illapa/envivo">En vivo / Listen live</a> <a href="/illapa/noticias/">Noticias</a> <a href="/illapa/transito">Tránsito</a> <a href="/illapa/clima">Clima</a></div>
<div id="ri-news">
<div class="ri-when">jue 05/06/2036 · 06:00</div>
<h1>Line 3: contract cancelled</h1>
<p>The regional government has cancelled the contract to extend Metro Line 3 and will keep the builder's guarantee of 214 million soles.</p>
<p>The union also said this morning that the 1,380 workers on the sites have not been paid for May.</p>
<p>The extension is now expected to open in 2039.</p>
</div>
<div id="ri-foot">Radio Illapa 97.3 is a fictional station invented for software tests. News items are transcribed from air. Jr. Puno 118, Pallqa City.</div>
</body>
</html>
