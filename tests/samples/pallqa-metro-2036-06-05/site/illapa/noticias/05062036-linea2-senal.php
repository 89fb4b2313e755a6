<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Line 2 stopped by a signal failure – Radio Illapa 97.3</title>
</head>
<body>
<div id="ri-bar"><span class="ri-logo">RADIO ILLAPA 97.3 FM</span> <span>La voz de Pallqa · The voice of Pallqa</span> <a href="/illapa/envivo">En vivo / Listen live</a> <a href="/illapa/noticias/">Noticias</a> <a href="/illapa/transito">Tránsito</a> <a href="/illapa/clima">Clima</a></div>
<div id="ri-news">
<div class="ri-when">jue 05/06/2036 · 08:30</div>
<h1>Line 2 stopped by a signal failure</h1>
<p>All trains on Metro Line 2 have been stopped since a quarter past seven because of a signal failure at the control centre in Sanka.</p>
<p>Metro de Pallqa says passengers on trains stuck between stations are being walked to the nearest platform; if you can, take the buses on the Av. Pachakuti trunk route.</p>
</div>
<div id="ri-foot">Radio Illapa 97.3 is a fictional station invented for software tests. News items are transcribed from air. Jr. Puno 118, Pallqa City.</div>
</body>
</html>
