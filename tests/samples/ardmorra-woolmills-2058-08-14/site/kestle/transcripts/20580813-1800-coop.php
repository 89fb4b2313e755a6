<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Co-op's biggest customer walks</title>

</head>
<body>
<div class="rk-bar"><b>RADIO KESTLE 88.6</b> · the bay's own station · Bulletins · The Mill Floor podcast · Tides</div>
<article>
<p class="rk-stamp">Tuesday 13 August 2058, 6.00pm</p>
<h2>Co-op's biggest customer walks</h2>
<p><b>NEWSREADER (Ngaire Follett):</b> The Orrin Falls weaving co-operative has lost its biggest customer. Harwick Outfitters, across the water, has ended a blanket contract worth forty-one and a half million dollars.</p>
<p><b>REPORTER (Sione Baxter):</b> Outside the co-op tonight people are worried. One weaver told me: “We did everything they asked. Now they want recycled.”</p>
</article>
<div class="rk-foot">Transcript as broadcast, lightly tidied. Radio Kestle is fictional.</div>
</body>
</html>
