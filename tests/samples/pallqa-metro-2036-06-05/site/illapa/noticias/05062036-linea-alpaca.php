<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Wayllapampa designer launches alpaca line – Radio Illapa 97.3</title>
</head>
<body>
<div id="ri-bar"><span class="ri-logo">RADIO ILLAPA 97.3 FM</span> <span>La voz de Pallqa · The voice of Pallqa</span> <a href="/illapa/envivo">En vivo / Listen live</a> <a href="/illapa/noticias/">Noticias</a> <a href="/illapa/transito">Tránsito</a> <a href="/illapa/clima">Clima</a></div>
<div id="ri-news">
<div class="ri-when">jue 05/06/2036 · 10:00</div>
<h1>Wayllapampa designer launches alpaca line</h1>
<p>Wayllapampa designer Sonia Kusi has launched her first line of alpaca clothing for men: twelve pieces, made by forty weavers from the Chillka valley.</p>
<p>The line goes on sale on Saturday at her shop near the Sanka bus terminal and online, with prices from 180 soles.</p>
</div>
<div id="ri-foot">Radio Illapa 97.3 is a fictional station invented for software tests. News items are transcribed from air. Jr. Puno 118, Pallqa City.</div>
</body>
</html>
