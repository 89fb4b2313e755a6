<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Corno Bianco victims named · Radio Alta 98.2</title>
</head>
<body>
<div class="ra-head"><b>RADIO ALTA 98.2</b> · la radio delle valli · the valleys' radio · <a href="/radioalta/diretta">Ascolta / Listen live</a> · <a href="/radioalta/news/">Notizie</a> · <a href="/radioalta/neve">Snow report</a> · <a href="/radioalta/viabilita">Roads</a></div>
<div class="ra-item">
<span class="ra-time">Sab 11.02.2040 · 00:40</span>
<h2>Corno Bianco victims named</h2>
<p>The two ski tourers killed in Thursday's avalanche on the Corno Bianco have been named as Ruggero Fenn-Adjei, 51, of Castelmarro, and Jonas Hallberg, 44, from Halsnor. Mr Fenn-Adjei's funeral will be held on Wednesday in San Rocco.</p>
<span class="ra-voice">Read on air by Kofi Bernasconi</span>
</div>
<div class="ra-foot">Radio Alta 98.2 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
