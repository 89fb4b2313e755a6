<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>First shift at the new mill</title>

</head>
<body>
<div class="rk-bar"><b>RADIO KESTLE 88.6</b> · the bay's own station · Bulletins · The Mill Floor podcast · Tides</div>
<article>
<p class="rk-stamp">Monday 12 August 2058, 7.15am</p>
<h2>First shift at the new mill</h2>
<p><b>HOST (Ngaire Follett):</b> Good morning. In Orrin Falls this morning a first full shift walks into a spinning mill for the first time since the blanket mills shut. The plant manager is Tamsin Oduya. Tamsin, how many people will work there?</p>
<p><b>GUEST (Tamsin Oduya):</b> When we run three shifts, two hundred and forty. Today it's about a hundred and ten, and most of them know more about wool than I do.</p>
<p><b>HOST:</b> The company spent eighty-six million dollars. Why Orrin Falls?</p>
<p><b>GUEST:</b> People, and soft water. And the river, frankly: there have been mills on it since the 1900s.</p>
<p><b>HOST:</b> Tamsin Oduya from Brackwater Worsted, thank you.</p>
</article>
<div class="rk-foot">Transcript as broadcast, lightly tidied. Radio Kestle is fictional.</div>
</body>
</html>
