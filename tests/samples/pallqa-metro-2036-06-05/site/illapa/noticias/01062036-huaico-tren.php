<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Quebrada train suspended after huaico – Radio Illapa 97.3</title>
</head>
<body>
<div id="ri-bar"><span class="ri-logo">RADIO ILLAPA 97.3 FM</span> <span>La voz de Pallqa · The voice of Pallqa</span> <a href="/illapa/envivo">En vivo / Listen live</a> <a href="/illapa/noticias/">Noticias</a> <a href="/illapa/transito">Tránsito</a> <a href="/illapa/clima">Clima</a></div>
<div id="ri-news">
<div class="ri-when">dom 01/06/2036 · 07:00</div>
<h1>Quebrada train suspended after huaico</h1>
<p>Trains on the Tren de la Quebrada are suspended this morning after last night's huaico buried the track near kilometre 23.</p>
<p>Replacement buses start on Monday between Chawpimarka and Sanka; the railway says repairs will take at least ten days.</p>
</div>
<div id="ri-foot">Radio Illapa 97.3 is a fictional station invented for software tests. News items are transcribed from air. Jr. Puno 118, Pallqa City.</div>
</body>
</html>
