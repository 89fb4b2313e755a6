<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Lentisco buys its lifts · Radio Alta 98.2</title>
</head>
<body>
<div class="ra-head"><b>RADIO ALTA 98.2</b> · la radio delle valli · the valleys' radio · <a href="/radioalta/diretta">Ascolta / Listen live</a> · <a href="/radioalta/news/">Notizie</a> · <a href="/radioalta/neve">Snow report</a> · <a href="/radioalta/viabilita">Roads</a></div>
<div class="ra-item">
<span class="ra-time">Ven 10.02.2040 · 21:10</span>
<h2>Lentisco buys its lifts</h2>
<p>Lentisco council has voted to buy the village's bankrupt lift company for two point three million euros. If the inspectors agree, the chairlift and the drag lifts will be running again a week on Saturday.</p>
<span class="ra-voice">Read on air by Ilenia Sjöberg-Mazza</span>
</div>
<div class="ra-foot">Radio Alta 98.2 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
