<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Auk rocket lost – Radio Tarnfjord 97,4</title>
</head>
<body>
<div class="rt-bar"><b>RADIO TARNFJORD 97,4</b> · the voice of the north coast · <a href="/tarnfjord/live/">Live</a> · <a href="/tarnfjord/nachrichten/">Nachrichten / News</a> · <a href="/tarnfjord/wetter/">Wetter</a></div>
<div class="rt-text">
<p class="rt-stamp">Mo 05.06.2045 · 12:00 Uhr</p>
<h2>Auk rocket lost</h2>
<p class="rt-reader">Read by Gunnhild Barros-Lie</p>
<p>The small Auk rocket that took off from Skarvik Point at twenty-two minutes to eleven this morning has been lost over the sea. Veyrant Launch says the second stage stopped firing just over three minutes into the flight, and the three satellites on board, including one built by students in Veldhaven, did not reach orbit. Nobody was hurt, and the Skarvik Point range says the sea hazard area will be reopened to boats this afternoon.</p>
</div>
<div class="rt-foot">Meldung wie gesendet · Bulletin as broadcast. Radio Tarnfjord is a fictional station invented for software tests.</div>
</body>
</html>
