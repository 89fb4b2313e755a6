<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Mehr Geld für die Raumfahrtagentur – Radio Tarnfjord 97,4</title>
</head>
<body>
<div class="rt-bar"><b>RADIO TARNFJORD 97,4</b> · the voice of the north coast · <a href="/tarnfjord/live/">Live</a> · <a href="/tarnfjord/nachrichten/">Nachrichten / News</a> · <a href="/tarnfjord/wetter/">Wetter</a></div>
<div class="rt-text">
<p class="rt-stamp">Do 08.06.2045 · 17:00 Uhr</p>
<h2>Mehr Geld für die Raumfahrtagentur</h2>
<p class="rt-reader">Gelesen von Jens Kowalczyk-Aune</p>
<p>Die Raumfahrtagentur soll im nächsten Jahr 612 Millionen Dravenmark bekommen, neun Prozent mehr als bisher. Das hat der Haushaltsausschuss heute Nachmittag beschlossen; darin stecken auch 38 Millionen für den Startplatz Skarvik und ein neues Radar in Ostermark.</p>
</div>
<div class="rt-foot">Meldung wie gesendet · Bulletin as broadcast. Radio Tarnfjord is a fictional station invented for software tests.</div>
</body>
</html>
