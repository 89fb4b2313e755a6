<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Province says yes to Gravedo snow lake · Radio Alta 98.2</title>
</head>
<body>
<div class="ra-head"><b>RADIO ALTA 98.2</b> · la radio delle valli · the valleys' radio · <a href="/radioalta/diretta">Ascolta / Listen live</a> · <a href="/radioalta/news/">Notizie</a> · <a href="/radioalta/neve">Snow report</a> · <a href="/radioalta/viabilita">Roads</a></div>
<div class="ra-item">
<span class="ra-time">Sab 11.02.2040 · 17:00</span>
<h2>Province says yes to Gravedo snow lake</h2>
<p>The provincial government has given the go-ahead for the big snowmaking lake above Gravedo. Environmental group Acqua Viva says it will see the province in court.</p>
<span class="ra-voice">Read on air by Ilenia Sjöberg-Mazza</span>
</div>
<div class="ra-foot">Radio Alta 98.2 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
