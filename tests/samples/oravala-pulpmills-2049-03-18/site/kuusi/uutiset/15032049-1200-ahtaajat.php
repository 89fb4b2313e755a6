<!DOCTYPE html>
<html lang="fi">
<head>
<meta charset="utf-8">
<title>Satama hiljeni</title>
</head>
<body>
<div class="rk-bar"><b>RADIO KUUSI 97.1</b> · järviseudun ääni · <a href="/kuusi/suorana">Suorana</a> · <a href="/kuusi/uutiset/">Uutiset</a></div>
<article>
<p class="rk-stamp">ma 15.3.2049 klo 12.00</p>
<h2>Satama hiljeni</h2>
<p><b>Uutisankkuri (Laura Vainio):</b> Haukiniemen satamassa ei lastata tänään eikä huomenna. Ahtaajat ovat lakossa.</p>
<p><b>Toimittaja (Mikko Aaltonen-Diallo):</b> Nosturit seisovat. Portilla on kymmenkunta lakkovahtia, ja redillä näkyy jonossa rahtilaivoja. Lakkolaiset sanovat, etteivät he hyväksy kauko-ohjattavia nostureita ilman sopimusta.</p>
</article>
<div class="rk-foot">Lähetyksen tekstivastine · Transcript as broadcast. Radio Kuusi is fictional.</div>
</body>
</html>
