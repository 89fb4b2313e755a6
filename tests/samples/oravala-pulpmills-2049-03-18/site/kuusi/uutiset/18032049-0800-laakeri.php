<!DOCTYPE html>
<html lang="fi">
<head>
<meta charset="utf-8">
<title>Laakeri kuumeni, hälytin oli pois päältä</title>
</head>
<body>
<div class="rk-bar"><b>RADIO KUUSI 97.1</b> · järviseudun ääni · <a href="/kuusi/suorana">Suorana</a> · <a href="/kuusi/uutiset/">Uutiset</a></div>
<article>
<p class="rk-stamp">to 18.3.2049 klo 8.00</p>
<h2>Laakeri kuumeni, hälytin oli pois päältä</h2>
<p><b>Uutisankkuri (Laura Vainio):</b> Turvallisuusviraston mukaan viikonlopun tulipalo Lumoran tehtaalla alkoi kuljettimen laakerista. Kipinöiden ilmaisin oli ollut huoltotilassa yli viikon.</p>
<p><b>Toimittaja (Mikko Aaltonen-Diallo):</b> Tehtaanjohtaja Oleksandr Ševtšuk sanoi minulle aamulla, että yhtiö selvittää, miksi ilmaisinta ei kytketty takaisin. Tehdas pysyy kiinni, kunnes virasto antaa luvan.</p>
</article>
<div class="rk-foot">Lähetyksen tekstivastine · Transcript as broadcast. Radio Kuusi is fictional.</div>
</body>
</html>
