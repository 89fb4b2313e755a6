<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Avalanche danger four tomorrow; no trains to Sant'Egidio · Radio Alta 98.2</title>
</head>
<body>
<div class="ra-head"><b>RADIO ALTA 98.2</b> · la radio delle valli · the valleys' radio · <a href="/radioalta/diretta">Ascolta / Listen live</a> · <a href="/radioalta/news/">Notizie</a> · <a href="/radioalta/neve">Snow report</a> · <a href="/radioalta/viabilita">Roads</a></div>
<div class="ra-item">
<span class="ra-time">Dom 12.02.2040 · 10:00</span>
<h2>Avalanche danger four tomorrow; no trains to Sant'Egidio</h2>
<p>Avalanche danger goes up to four, high, tomorrow across the northern valleys, with up to ninety centimetres of new snow on the way. No trains to Sant'Egidio on Monday: the Valbruna line closes after the 19:40 from Ponte Scuro tonight.</p>
<span class="ra-voice">Read on air by Ilenia Sjöberg-Mazza</span>
</div>
<div class="ra-foot">Radio Alta 98.2 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
