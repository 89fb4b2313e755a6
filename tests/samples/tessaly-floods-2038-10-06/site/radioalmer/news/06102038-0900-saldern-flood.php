<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The nine o'clock news: Saldern – Radio Almer 98.2</title>
</head>
<body>
<div id="ra-top"><span class="ra-logo">RADIO ALMER 98.2</span> <span>The valley's radio · Das Radio im Almertal · La radio del valle</span> <a href="/radioalmer/live">Listen live</a> <a href="/radioalmer/news/">News</a> <a href="/radioalmer/travel">Travel</a> <a href="/radioalmer/river-levels">River levels</a></div>
<div id="ra-item">
<div class="ra-stamp">Wed 06.10.38 · 09:00</div>
<h1>The nine o'clock news: Saldern</h1>
<div class="ra-note">Transcript of the bulletin as broadcast. Newsreader: Odile Ferreira-Haas. Reporter: Kwame Unterberger.</div>
<p><b>NEWSREADER:</b> Radio Almer news at nine, and we begin in Saldern, where a large part of the town has been under water since the early hours. The river broke through its bank on the east side at about five o'clock this morning, and about twelve hundred people have had to leave their homes. Kwame is on the railway embankment. Kwame, what can you see?</p>
<p><b>REPORTER:</b> Odile, from up here it just looks like a lake where the east quarter should be. Roofs, the tops of cars, a bus shelter. The water is still coming through the gap by the old Kornhaus, and the firefighters tell me that gap is something like sixty metres across now. There are boats going up and down Fährstraße. Earlier a police helicopter took an elderly couple off their roof. They're fine, I'm told, just very cold.</p>
<p><b>NEWSREADER:</b> And the river itself?</p>
<p><b>REPORTER:</b> The flood authority says the gauge at the bridge reached six metres thirty-four at around three this morning. Nobody here has ever seen it that high. It's come down a touch since, but they say that won't stop the water running into the town today.</p>
<p><b>NEWSREADER:</b> Thank you, Kwame. If you've been evacuated, the sports hall on the Ring and the Almer school are open, with food, beds and help for pets. The Almer bridge in Saldern is closed, and there are no trains between Kessling and Corvenna. We'll have more on the hour, every hour.</p>
</div>
<div id="ra-foot">Radio Almer 98.2 is a fictional station invented for software tests. News items are transcribed from air.</div>
</body>
</html>
