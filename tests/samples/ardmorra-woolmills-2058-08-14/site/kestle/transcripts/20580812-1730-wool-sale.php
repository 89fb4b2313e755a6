<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Wool sale: nobody's buying the coarse stuff</title>

</head>
<body>
<div class="rk-bar"><b>RADIO KESTLE 88.6</b> · the bay's own station · Bulletins · The Mill Floor podcast · Tides</div>
<article>
<p class="rk-stamp">Monday 12 August 2058, 5.30pm</p>
<h2>Wool sale: nobody's buying the coarse stuff</h2>
<p><b>HOST (Ngaire Follett):</b> A rough day at the wool sale in Port Callan. Fergus Adeyemi from the brokers is with me. Fergus, how rough?</p>
<p><b>GUEST (Fergus Adeyemi):</b> Nearly a third of the bales went back to the growers unsold. Prices down nine per cent. The carpet buyers have gone quiet.</p>
<p><b>HOST:</b> What does that mean for farmers?</p>
<p><b>GUEST:</b> The clip was worth nearly half a billion dollars last year. This year, a good deal less. Some will hold their wool and hope.</p>
</article>
<div class="rk-foot">Transcript as broadcast, lightly tidied. Radio Kestle is fictional.</div>
</body>
</html>
