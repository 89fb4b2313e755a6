<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sella di Mardo road open again · Radio Alta 98.2</title>
</head>
<body>
<div class="ra-head"><b>RADIO ALTA 98.2</b> · la radio delle valli · the valleys' radio · <a href="/radioalta/diretta">Ascolta / Listen live</a> · <a href="/radioalta/news/">Notizie</a> · <a href="/radioalta/neve">Snow report</a> · <a href="/radioalta/viabilita">Roads</a></div>
<div class="ra-item">
<span class="ra-time">Dom 12.02.2040 · 09:30</span>
<h2>Sella di Mardo road open again</h2>
<p>The Sella di Mardo road is open again since nine, one lane only, with traffic lights at the Costa Rossa. It closes again at six this evening because of the snow forecast for Monday.</p>
<span class="ra-voice">Read on air by Kofi Bernasconi</span>
</div>
<div class="ra-foot">Radio Alta 98.2 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
