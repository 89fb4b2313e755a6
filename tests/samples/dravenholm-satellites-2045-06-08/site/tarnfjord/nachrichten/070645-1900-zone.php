<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Halmstrand widens launch exclusion zone – Radio Tarnfjord 97,4</title>
</head>
<body>
<div class="rt-bar"><b>RADIO TARNFJORD 97,4</b> · the voice of the north coast · <a href="/tarnfjord/live/">Live</a> · <a href="/tarnfjord/nachrichten/">Nachrichten / News</a> · <a href="/tarnfjord/wetter/">Wetter</a></div>
<div class="rt-text">
<p class="rt-stamp">Mi 07.06.2045 · 19:00 Uhr</p>
<h2>Halmstrand widens launch exclusion zone</h2>
<p class="rt-reader">Read by Jens Kowalczyk-Aune</p>
<p>Halmstrand council has just voted to push the Skarvik Point land exclusion zone four hundred metres further south from September, which means eleven holiday cabins on Sandvik beach will have to be emptied on launch days. Owners will get two thousand five hundred dravenmarks for each launch.</p>
</div>
<div class="rt-foot">Meldung wie gesendet · Bulletin as broadcast. Radio Tarnfjord is a fictional station invented for software tests.</div>
</body>
</html>
