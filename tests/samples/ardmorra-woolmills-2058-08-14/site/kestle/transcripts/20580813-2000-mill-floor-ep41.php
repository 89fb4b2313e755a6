<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The Mill Floor, episode 41: “Turn it back on”</title>

</head>
<body>
<div class="rk-bar"><b>RADIO KESTLE 88.6</b> · the bay's own station · Bulletins · The Mill Floor podcast · Tides</div>
<article>
<p class="rk-stamp">Tuesday 13 August 2058, 8.00pm</p>
<h2>The Mill Floor, episode 41: “Turn it back on”</h2>
<p><b>HOST (Ngaire Follett):</b> Welcome to The Mill Floor. Tonight, one question: is the water safe? My guest runs the council's water services. Priya Castellanos, is it?</p>
<p><b>GUEST (Priya Castellanos):</b> It is. We lifted the notice at six this evening. We flushed the mains for a day and a half and tested at eleven points across town, and everything came back clean.</p>
<p><b>HOST:</b> So what actually happened out there?</p>
<p><b>GUEST:</b> As I understand it, a valve was left open at the colour works during a transfer between tanks, late at night. The owner has been quite straightforward about it.</p>
<p><b>HOST:</b> And is anyone going to pay for the tankers?</p>
<p><b>GUEST:</b> The Environment Office is taking the company to court. We'll be sending our own bill.</p>
<p><b>HOST:</b> Priya Castellanos, thank you. After the break: looms, and who still buys Axminster.</p>
</article>
<div class="rk-foot">Transcript as broadcast, lightly tidied. Radio Kestle is fictional.</div>
</body>
</html>
