<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Radio Lisière 104.1 · Strike off: what’s in the teachers’ deal</title>
<meta name="generator" content="OndeCMS 3.2">
</head>
<body class="rl">
<div class="rl-strip">Radio Lisière 104.1 FM · Lisière · Orvane · Saint-Ambroise &nbsp;|&nbsp; <a href="/rl/direct">Listen live</a> · <a href="/rl/bulletins/">News</a> · <a href="/rl/meteo">Weather</a></div>
<div class="rl-bulletin">
  <div class="rl-when">Thursday 29.09.2033 · 10:00</div>
  <h2 class="rl-title">Strike off: what’s in the teachers’ deal</h2>
  <div class="rl-host">With Tomas Bell</div>
  <p>It’s official: there will be no teachers’ strike on Monday. At twenty to three this morning, after nineteen hours at the Place d’Armes offices, the Orvane Teachers’ Federation and the government signed a tentative agreement.</p>
  <p>Teachers get twelve and a half per cent over four years. From September 2034 there will be no more than twenty-five pupils in a class from grade one to grade three. And the department will hire four hundred and fifty classroom assistants over two years.</p>
  <p>“The cap was the point, and we have the cap,” federation president Maud Kerrigan-Laroche told us over a very late café. Education Minister Hélène Marchetti-Vos called it “a fair deal that keeps every school open.”</p>
  <p>The price tag, according to the department: one hundred and eighty-six million dollars over four years. Teachers vote on the deal from the tenth to the fourteenth of October – until then, all two hundred and four public schools open as usual.</p>
</div>
<div class="rl-legal">Radio Lisière 104.1 is a fictional station made up for software tests. Bulletins are transcribed from air and lightly edited.</div>
</body>
</html>
