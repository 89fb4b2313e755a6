<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>New owner for Pradorsa's lifts · Radio Alta 98.2</title>
</head>
<body>
<div class="ra-head"><b>RADIO ALTA 98.2</b> · la radio delle valli · the valleys' radio · <a href="/radioalta/diretta">Ascolta / Listen live</a> · <a href="/radioalta/news/">Notizie</a> · <a href="/radioalta/neve">Snow report</a> · <a href="/radioalta/viabilita">Roads</a></div>
<div class="ra-item">
<span class="ra-time">Sab 11.02.2040 · 16:30</span>
<h2>New owner for Pradorsa's lifts</h2>
<p>Pradorsa's lift company has a new majority owner: shareholders this afternoon approved the sale of 74 per cent to the Korvald fund for 58 million euros. Chief executive Ilaria Brunnsteiner-Mensah stays on, and Korvald promises a new Falcone gondola by 2043.</p>
<span class="ra-voice">Read on air by Kofi Bernasconi</span>
</div>
<div class="ra-foot">Radio Alta 98.2 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
