<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Bus crash on Av. Grau – Radio Illapa 97.3</title>
</head>
<body>
<div id="ri-bar"><span class="ri-logo">RADIO ILLAPA 97.3 FM</span> <span>La voz de Pallqa · The voice of Pallqa</span> <a href="/illapa/envivo">En vivo / Listen live</a> <a href="/illapa/noticias/">Noticias</a> <a href="/illapa/transito">Tránsito</a> <a href="/illapa/clima">Clima</a></div>
<div id="ri-news">
<div class="ri-when">mié 04/06/2036 · 20:10</div>
<h1>Bus crash on Av. Grau</h1>
<p>A route A-14 feeder bus crashed into parked cars and a food stall at the bottom of the Cuesta Wayllapampa on Av. Grau at about twenty-five past seven this evening.</p>
<p>Firefighters say at least a dozen people are hurt.</p>
<p>Av. Grau is closed between Jr. Puno and the Puka Pampa metro entrance; drivers should use Jr. Ayacucho.</p>
</div>
<div id="ri-foot">Radio Illapa 97.3 is a fictional station invented for software tests. News items are transcribed from air. Jr. Puno 118, Pallqa City.</div>
</body>
</html>
