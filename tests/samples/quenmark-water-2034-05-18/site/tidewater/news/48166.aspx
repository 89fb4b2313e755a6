<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Water authority fined over Brindle spill - Tidewater FM 97.3</title>
</head>
<body>
<div id="tw-bar"><span class="tw-logo">TIDEWATER FM 97.3</span> <span>Port Quen &amp; the south coast</span> <a href="/tidewater/live">On air now</a> <a href="/tidewater/news/">Newsroom</a></div>
<div id="tw-item">
<div class="tw-stamp">Tue 16/05/2034 &middot; 12:00</div>
<h1>Water authority fined over Brindle spill</h1>
<div class="tw-read">Read on air by Cormac Delacroix-Bell</div>
<p>The province's environmental watchdog has fined the Quenmark Water Authority one point two million dollars over Saturday's sewage spill into Tallis Cove.</p>
<p>The Environmental Compliance Office says the backup generator at Brindle Road had failed a test back in March and nobody fixed it. Director Tomas Heikkila-Brandt called that &#8220;a lapse with a long fuse&#8221;.</p>
<p>And the spill was bigger than the Authority first said: five point one million litres, not three point two, over about fourteen hours. A second overflow on Cove Road was missed on Saturday.</p>
<p>The Authority has until the end of September to give the station a second power supply. The beaches could reopen this Saturday if the water tests clean.</p>
</div>
<div id="tw-legal">Tidewater FM is a fictional radio station created for software tests. Bulletins are transcribed from air.</div>
</body>
</html>
