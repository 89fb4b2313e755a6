<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Radio Lisière 104.1 · Teachers ready to walk out a week on Monday</title>
<meta name="generator" content="OndeCMS 3.2">
</head>
<body class="rl">
<div class="rl-strip">Radio Lisière 104.1 FM · Lisière · Orvane · Saint-Ambroise &nbsp;|&nbsp; <a href="/rl/direct">Listen live</a> · <a href="/rl/bulletins/">News</a> · <a href="/rl/meteo">Weather</a></div>
<div class="rl-bulletin">
  <div class="rl-when">Sunday 25.09.2033 · 08:00</div>
  <h2 class="rl-title">Teachers ready to walk out a week on Monday</h2>
  <div class="rl-host">With Tomas Bell</div>
  <p>Unless there is a deal this week, public schools across the region will close a week tomorrow. Members of the teachers' federation voted yesterday, and eighty-seven point six per cent of those who voted said yes to an open-ended strike from Monday the third of October.</p>
  <p>Seven in ten members took part. The federation wants fourteen per cent over three years and no more than twenty-four children in a class in the first three grades. The government has offered seven per cent.</p>
  <p>Federation president Maud Kerrigan-Laroche told us this morning she has already had a call from the mediator. The minister says she is ready to talk at any hour.</p>
  <p>Parents of about ninety-six thousand pupils are now looking for childcare plans. We'll have the details as they come.</p>
</div>
<div class="rl-legal">Radio Lisière 104.1 is a fictional station made up for software tests. Bulletins are transcribed from air and lightly edited.</div>
</body>
</html>
