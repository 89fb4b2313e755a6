<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>LIVE: Skua launch night at Skarvik Point – Radio Tarnfjord 97,4</title>
</head>
<body>
<div class="rt-bar"><b>RADIO TARNFJORD 97,4</b> · the voice of the north coast · <a href="/tarnfjord/live/">Live</a> · <a href="/tarnfjord/nachrichten/">Nachrichten / News</a> · <a href="/tarnfjord/wetter/">Wetter</a></div>
<div class="rt-live">
<h1>LIVE: Skua launch night at Skarvik Point</h1>
<p class="rt-live-intro">Our team is at the Halmstrand viewing field and in the range press room as Veyrant Launch tries to put 14 Polarweave satellites into orbit. Latest entries first. Last updated <span class="rt-stamp">Mi 07.06.2045 · 23:05 Uhr</span>.</p>
<div class="rt-entry"><p class="rt-time">23:05</p><p>That's where we will leave it tonight. Polarweave says all 14 satellites have sent their first status signals, the last of them picked up by the Ostermark ground station at 22:31. The company now has 84 Skein satellites in orbit. Thanks for following, and drive carefully on the coast road: the police say about 3,000 people came out to watch.</p></div>
<div class="rt-entry"><p class="rt-time">22:17</p><p>Deployment confirmed. Veyrant's flight director Ilse Aramburu-Ness announced on the range loop that the upper stage released the satellites in seven pairs between T+58 and T+63 minutes, at about 540 km. Loud cheering in the press room.</p></div>
<div class="rt-entry"><p class="rt-time">21:24</p><p>Second stage burning. Veyrant says everything is nominal. Worth remembering that this is the same company whose small Auk rocket failed on Monday; the joint inquiry with the space agency is due to give its first findings tomorrow, and the company insisted today that the Skua's upper stage shares nothing with the Auk's.</p></div>
<div class="rt-entry"><p class="rt-time">21:14</p><p><b>LIFT-OFF.</b> The Skua is away from LC-2, on time to the second. A long orange flame and then the rumble, roughly twenty seconds later here in the field.</p></div>
<div class="rt-entry"><p class="rt-time">20:40</p><p>Weather is GO. Winds at altitude are well within limits and the sea hazard area is clear of boats, the range says. Fuelling of the second stage is complete.</p></div>
<div class="rt-entry"><p class="rt-time">20:05</p><p>In other news from Halmstrand today: the municipal council voted this evening on the range's request to widen the land exclusion zone, and this morning a farmer found a scorched tank from an old rocket in a field near the primary school. We have separate reports on both in our bulletins; tonight we are concentrating on the launch.</p></div>
<div class="rt-entry"><p class="rt-time">19:30</p><p>Good evening from the viewing field. This is the sixth flight of the Skua rocket, known on the range as SK-6; the first five all worked. On top are 14 satellites for Polarweave's Skein network, which sells internet to ships, fishing boats and villages in the north. Lift-off is planned for 21:14.</p></div>
</div>
<div class="rt-foot">Live page of Radio Tarnfjord. Radio Tarnfjord is a fictional station invented for software tests.</div>
</body>
</html>
