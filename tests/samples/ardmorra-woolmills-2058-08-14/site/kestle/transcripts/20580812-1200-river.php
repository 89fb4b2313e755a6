<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A blue river, and a warning not to drink</title>

</head>
<body>
<div class="rk-bar"><b>RADIO KESTLE 88.6</b> · the bay's own station · Bulletins · The Mill Floor podcast · Tides</div>
<article>
<p class="rk-stamp">Monday 12 August 2058, 12.00pm</p>
<h2>A blue river, and a warning not to drink</h2>
<p><b>NEWSREADER (Ngaire Follett):</b> Households in Kestle Bay are still being told not to drink tap water after a dye leak coloured the river overnight. Our reporter is on the bank.</p>
<p><b>REPORTER (Sione Baxter):</b> It's a deep, almost ink blue from here right round the bend. The council says about three thousand litres got out of a tank at the Hollins dye house. The tankers at the school have had a queue since seven.</p>
<p><b>NEWSREADER:</b> The council will update at four o'clock.</p>
</article>
<div class="rk-foot">Transcript as broadcast, lightly tidied. Radio Kestle is fictional.</div>
</body>
</html>
