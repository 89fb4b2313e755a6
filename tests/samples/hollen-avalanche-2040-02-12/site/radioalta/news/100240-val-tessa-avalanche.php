<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Avalanche buries snowplough above Ponte Mardo · Radio Alta 98.2</title>
</head>
<body>
<div class="ra-head"><b>RADIO ALTA 98.2</b> · la radio delle valli · the valleys' radio · <a href="/radioalta/diretta">Ascolta / Listen live</a> · <a href="/radioalta/news/">Notizie</a> · <a href="/radioalta/neve">Snow report</a> · <a href="/radioalta/viabilita">Roads</a></div>
<div class="ra-item">
<span class="ra-time">Ven 10.02.2040 · 07:15</span>
<h2>Avalanche buries snowplough above Ponte Mardo</h2>
<p>An avalanche has buried a snowplough on the Sella di Mardo road above Ponte Mardo; the driver has been dug out and is not hurt. The SR 48 is closed and Tessolo and Ormena are cut off, so please do not set off towards the valley.</p>
<span class="ra-voice">Read on air by Kofi Bernasconi</span>
</div>
<div class="ra-foot">Radio Alta 98.2 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
