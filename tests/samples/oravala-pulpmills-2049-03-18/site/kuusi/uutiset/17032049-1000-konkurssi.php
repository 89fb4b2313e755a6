<!DOCTYPE html>
<html lang="fi">
<head>
<meta charset="utf-8">
<title>Koneet seisovat metsässä</title>
</head>
<body>
<div class="rk-bar"><b>RADIO KUUSI 97.1</b> · järviseudun ääni · <a href="/kuusi/suorana">Suorana</a> · <a href="/kuusi/uutiset/">Uutiset</a></div>
<article>
<p class="rk-stamp">ke 17.3.2049 klo 10.00</p>
<h2>Koneet seisovat metsässä</h2>
<p><b>Uutisankkuri (Laura Vainio):</b> Hakkuu-Rinteen harvesterit pysäytettiin aamulla kesken leimikoiden. Yhtiö hakee konkurssiin.</p>
<p><b>Toimittaja (Mikko Aaltonen-Diallo):</b> Kuljettajat kertovat kuulleensa asiasta tekstiviestillä. Moni on ajanut yhtiölle yli kymmenen vuotta.</p>
</article>
<div class="rk-foot">Lähetyksen tekstivastine · Transcript as broadcast. Radio Kuusi is fictional.</div>
</body>
</html>
