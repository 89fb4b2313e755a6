<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>No more cash on the buses from September – Radio Illapa 97.3</title>
</head>
<body>
<div id="ri-bar"><span class="ri-logo">RADIO ILLAPA 97.3 FM</span> <span>La voz de Pallqa · The voice of Pallqa</span> <a href="/illapa/envivo">En vivo / Listen live</a> <a href="/illapa/noticias/">Noticias</a> <a href="/illapa/transito">Tránsito</a> <a href="/illapa/clima">Clima</a></div>
<div id="ri-news">
<div class="ri-when">mié 04/06/2036 · 13:00</div>
<h1>No more cash on the buses from September</h1>
<p>From the first of September you will not be able to pay your bus fare in cash.</p>
<p>ATUP says about a fifth of riders still pay the driver with coins, and they will have to switch to the Chaski card or the phone app; cards will be free until the end of the year.</p>
</div>
<div id="ri-foot">Radio Illapa 97.3 is a fictional station invented for software tests. News items are transcribed from air. Jr. Puno 118, Pallqa City.</div>
</body>
</html>
