<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Thursday midday bulletin – Radio Illapa 97.3</title>
</head>
<body>
<div id="ri-bar"><span class="ri-logo">RADIO ILLAPA 97.3 FM</span> <span>La voz de Pallqa · The voice of Pallqa</span> <a href="/illapa/envivo">En vivo / Listen live</a> <a href="/illapa/noticias/">Noticias</a> <a href="/illapa/transito">Tránsito</a> <a href="/illapa/clima">Clima</a></div>
<div id="ri-news">
<div class="ri-when">jue 05/06/2036 · 13:00</div>
<h1>Thursday midday bulletin</h1>
<div class="ri-reader">Leído al aire por / Read on air by Verónica Tito</div>
<p>Good afternoon, it's one o'clock, eighteen degrees and sunny in Pallqa City. Here's the news.</p>
<p>Metro Line 2 is running normally again after this morning's signal failure, which stopped every train for more than two hours and left about forty-eight thousand people stuck. Metro de Pallqa says you get your fare back if you tap in within a week.</p>
<p>The number of people hurt in last night's bus crash on Av. Grau has risen to more than twenty. ATUP inspectors spent the morning at the depot of Transportes Wayra Sur.</p>
<p>This morning the Banco de Fomento Andino signed the loan for Metro Line 4: one thousand two hundred and fifty million soles.</p>
<p>Metro de Pallqa took over the Line 3 building sites at Sanka and Qullqipata today, a day after the region ended the contract with Consorcio Vial Andino.</p>
<p>And remember: from the first of September, no more cash on the buses.</p>
<p>Weather: dry, a high of nineteen, and cold tonight, down to three degrees.</p>
</div>
<div id="ri-foot">Radio Illapa 97.3 is a fictional station invented for software tests. News items are transcribed from air. Jr. Puno 118, Pallqa City.</div>
</body>
</html>
