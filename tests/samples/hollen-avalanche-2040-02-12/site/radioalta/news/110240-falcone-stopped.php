<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Falcone gondola stuck with 140 on board · Radio Alta 98.2</title>
</head>
<body>
<div class="ra-head"><b>RADIO ALTA 98.2</b> · la radio delle valli · the valleys' radio · <a href="/radioalta/diretta">Ascolta / Listen live</a> · <a href="/radioalta/news/">Notizie</a> · <a href="/radioalta/neve">Snow report</a> · <a href="/radioalta/viabilita">Roads</a></div>
<div class="ra-item">
<span class="ra-time">Sab 11.02.2040 · 11:30</span>
<h2>Falcone gondola stuck with 140 on board</h2>
<p>The Falcone gondola at Pradorsa has stopped with around 140 people in its cabins. Mountain rescue teams are starting to lower them by rope, and the lift company asks everyone else to keep away from the valley station.</p>
<span class="ra-voice">Read on air by Ilenia Sjöberg-Mazza</span>
</div>
<div class="ra-foot">Radio Alta 98.2 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
