<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Raketentank auf Acker bei Halmstrand gefunden – Radio Tarnfjord 97,4</title>
</head>
<body>
<div class="rt-bar"><b>RADIO TARNFJORD 97,4</b> · the voice of the north coast · <a href="/tarnfjord/live/">Live</a> · <a href="/tarnfjord/nachrichten/">Nachrichten / News</a> · <a href="/tarnfjord/wetter/">Wetter</a></div>
<div class="rt-text">
<p class="rt-stamp">Mi 07.06.2045 · 10:00 Uhr</p>
<h2>Raketentank auf Acker bei Halmstrand gefunden</h2>
<p class="rt-reader">Gelesen von Gunnhild Barros-Lie</p>
<p>Auf einem Gerstenfeld bei Halmstrand hat eine Landwirtin heute früh einen verkohlten Metalltank gefunden, etwa vierhundert Meter von der Grundschule entfernt. Die Polizei hat das Feld abgesperrt; Fachleute der Raumfahrtagentur sind unterwegs und vermuten ein Trümmerteil einer alten Rakete.</p>
</div>
<div class="rt-foot">Meldung wie gesendet · Bulletin as broadcast. Radio Tarnfjord is a fictional station invented for software tests.</div>
</body>
</html>
