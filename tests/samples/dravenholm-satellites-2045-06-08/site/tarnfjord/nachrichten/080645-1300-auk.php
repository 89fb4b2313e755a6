<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Frozen valve blamed for Auk failure – Radio Tarnfjord 97,4</title>
</head>
<body>
<div class="rt-bar"><b>RADIO TARNFJORD 97,4</b> · the voice of the north coast · <a href="/tarnfjord/live/">Live</a> · <a href="/tarnfjord/nachrichten/">Nachrichten / News</a> · <a href="/tarnfjord/wetter/">Wetter</a></div>
<div class="rt-text">
<p class="rt-stamp">Do 08.06.2045 · 13:00 Uhr</p>
<h2>Frozen valve blamed for Auk failure</h2>
<p class="rt-reader">Read by Gunnhild Barros-Lie</p>
<p>Investigators say a valve that froze shut on the pad is the most likely reason Monday's Auk rocket failed. The Auk won't fly again until October at the earliest; the final report is due in September.</p>
</div>
<div class="rt-foot">Meldung wie gesendet · Bulletin as broadcast. Radio Tarnfjord is a fictional station invented for software tests.</div>
</body>
</html>
