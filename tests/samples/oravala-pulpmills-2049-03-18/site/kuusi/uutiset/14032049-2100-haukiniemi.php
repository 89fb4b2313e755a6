<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Smoke over Haukiniemi tonight</title>
</head>
<body>
<div class="rk-bar"><b>RADIO KUUSI 97.1</b> · järviseudun ääni · <a href="/kuusi/suorana">Suorana</a> · <a href="/kuusi/uutiset/">Uutiset</a></div>
<article>
<p class="rk-stamp">su 14.3.2049 klo 21.00 · Sunday 21:00 news in English</p>
<h2>Smoke over Haukiniemi tonight</h2>
<p><b>Newsreader (Laura Vainio):</b> A fire is smouldering inside a storage silo at the wood pellet plant on Haukiniemi, in the Ruskila harbour. Rescue crews say it could take into the night and beyond.</p>
<p><b>Reporter (Mikko Aaltonen-Diallo):</b> I'm at the harbour gate. There's no open flame to see, just a grey plume drifting over the water. The plant manager, Oleksandr Shevchuk, told me about twelve thousand tonnes are in that silo and the firefighters, about sixty of them, are feeding carbon dioxide in from below rather than opening it up. If you live within two kilometres downwind, keep your windows shut.</p>
</article>
<div class="rk-foot">Lähetyksen tekstivastine · Transcript as broadcast. Radio Kuusi is fictional.</div>
</body>
</html>
