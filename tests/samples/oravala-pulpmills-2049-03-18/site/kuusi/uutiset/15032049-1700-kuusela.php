<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kuusela sawmill drops its night shift</title>
</head>
<body>
<div class="rk-bar"><b>RADIO KUUSI 97.1</b> · järviseudun ääni · <a href="/kuusi/suorana">Suorana</a> · <a href="/kuusi/uutiset/">Uutiset</a></div>
<article>
<p class="rk-stamp">ma 15.3.2049 klo 17.00 · Monday 17:00 news in English</p>
<h2>Kuusela sawmill drops its night shift</h2>
<p><b>Newsreader (Laura Vainio):</b> The sawmill at Kuusela will stop running a night shift from the start of April. The 35 people on nights move to the two day shifts; nobody loses a job, the mill says, but sawn timber exports are weak.</p>
</article>
<div class="rk-foot">Lähetyksen tekstivastine · Transcript as broadcast. Radio Kuusi is fictional.</div>
</body>
</html>
