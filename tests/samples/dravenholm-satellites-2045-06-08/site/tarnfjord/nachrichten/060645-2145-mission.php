<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Missionskirche Halmstrand feiert 150 Jahre – Radio Tarnfjord 97,4</title>
</head>
<body>
<div class="rt-bar"><b>RADIO TARNFJORD 97,4</b> · the voice of the north coast · <a href="/tarnfjord/live/">Live</a> · <a href="/tarnfjord/nachrichten/">Nachrichten / News</a> · <a href="/tarnfjord/wetter/">Wetter</a></div>
<div class="rt-text">
<p class="rt-stamp">Di 06.06.2045 · 21:45 Uhr</p>
<h2>Missionskirche Halmstrand feiert 150 Jahre</h2>
<p class="rt-reader">Gelesen von Gunnhild Barros-Lie</p>
<p>Die alte Missionskirche am Hafen von Halmstrand feiert am Sonntag ihr 150-jähriges Bestehen mit einem Gottesdienst und einem Fischessen. Die Kirche wurde 1895 von Seemannsmissionaren gegründet, die damals Fischern aus dem ganzen Norden eine Station zum Ausruhen boten.</p>
</div>
<div class="rt-foot">Meldung wie gesendet · Bulletin as broadcast. Radio Tarnfjord is a fictional station invented for software tests.</div>
</body>
</html>
