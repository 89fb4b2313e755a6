<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Snowball appeal passes €100,000 · Radio Alta 98.2</title>
</head>
<body>
<div class="ra-head"><b>RADIO ALTA 98.2</b> · la radio delle valli · the valleys' radio · <a href="/radioalta/diretta">Ascolta / Listen live</a> · <a href="/radioalta/news/">Notizie</a> · <a href="/radioalta/neve">Snow report</a> · <a href="/radioalta/viabilita">Roads</a></div>
<div class="ra-item">
<span class="ra-time">Gio 09.02.2040 · 12:00</span>
<h2>Snowball appeal passes €100,000</h2>
<p>Our Snowball appeal for the children's ward at Castelmarro hospital passed one hundred thousand euros this morning, enough for the two new incubators. Thank you to every listener who gave it a push: the snowball keeps rolling until Sunday, and every extra euro goes to the parents' rooms.</p>
<span class="ra-voice">Read on air by Ilenia Sjöberg-Mazza</span>
</div>
<div class="ra-foot">Radio Alta 98.2 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
