<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Varisto paper machine talks</title>
</head>
<body>
<div class="rk-bar"><b>RADIO KUUSI 97.1</b> · järviseudun ääni · <a href="/kuusi/suorana">Suorana</a> · <a href="/kuusi/uutiset/">Uutiset</a></div>
<article>
<p class="rk-stamp">ke 17.3.2049 klo 16.00 · Wednesday 16:00 news in English</p>
<h2>Varisto paper machine talks</h2>
<p><b>Newsreader (Laura Vainio):</b> Kalliosellu wants to close paper machine two at its Varisto mill. Up to a hundred and eighty jobs are at stake. The machine has lost money for three years.</p>
</article>
<div class="rk-foot">Lähetyksen tekstivastine · Transcript as broadcast. Radio Kuusi is fictional.</div>
</body>
</html>
