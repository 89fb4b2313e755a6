<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Sewage in Tallis Cove after storm knocks out pumps - Tidewater FM 97.3</title>
</head>
<body>
<div id="tw-bar"><span class="tw-logo">TIDEWATER FM 97.3</span> <span>Port Quen &amp; the south coast</span> <a href="/tidewater/live">On air now</a> <a href="/tidewater/news/">Newsroom</a></div>
<div id="tw-item">
<div class="tw-stamp">Sat 13/05/2034 &middot; 09:00</div>
<h1>Sewage in Tallis Cove after storm knocks out pumps</h1>
<div class="tw-read">Read on air by Cormac Delacroix-Bell</div>
<p>The water authority says raw sewage has been pouring into Tallis Cove since the small hours, after last night's storm cut the power to its Brindle Road pumping station.</p>
<p>The station's backup generator didn't kick in. A portable one is on its way from Port Quen.</p>
<p>Tallis Cove and Gannet Beach are closed to swimmers. The Authority hasn't said yet how much sewage has gone into the water, but says it's in the millions of litres.</p>
</div>
<div id="tw-legal">Tidewater FM is a fictional radio station created for software tests. Bulletins are transcribed from air.</div>
</body>
</html>
