<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Petrol station fire in Ostermark – Radio Tarnfjord 97,4</title>
</head>
<body>
<div class="rt-bar"><b>RADIO TARNFJORD 97,4</b> · the voice of the north coast · <a href="/tarnfjord/live/">Live</a> · <a href="/tarnfjord/nachrichten/">Nachrichten / News</a> · <a href="/tarnfjord/wetter/">Wetter</a></div>
<div class="rt-text">
<p class="rt-stamp">Mo 05.06.2045 · 18:00 Uhr</p>
<h2>Petrol station fire in Ostermark</h2>
<p class="rt-reader">Read by Jens Kowalczyk-Aune</p>
<p>A fire at the Nordfuel petrol station on the Ostermark ring road was put out by the fire brigade this afternoon; nobody was injured. The station will stay closed until Wednesday.</p>
</div>
<div class="rt-foot">Meldung wie gesendet · Bulletin as broadcast. Radio Tarnfjord is a fictional station invented for software tests.</div>
</body>
</html>
