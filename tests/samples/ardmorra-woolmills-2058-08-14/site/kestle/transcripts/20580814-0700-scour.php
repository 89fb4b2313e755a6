<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Fire at the scour</title>

</head>
<body>
<div class="rk-bar"><b>RADIO KESTLE 88.6</b> · the bay's own station · Bulletins · The Mill Floor podcast · Tides</div>
<article>
<p class="rk-stamp">Wednesday 14 August 2058, 7.00am</p>
<h2>Fire at the scour</h2>
<p><b>NEWSREADER (Ngaire Follett):</b> Fire crews spent the night at the Lintel Downs wool scour, where the drying section caught fire just after three this morning. Three workers were taken to Port Callan hospital with smoke in their lungs; all three are said to be stable. The fire service says the store of some sixteen hundred bales was not touched. No wool will be washed there for some weeks.</p>
</article>
<div class="rk-foot">Transcript as broadcast, lightly tidied. Radio Kestle is fictional.</div>
</body>
</html>
