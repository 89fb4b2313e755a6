<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Double fault ends Kerrow Indoor final · Radio Kell 89.5</title>
</head>
<body>
<div class="rk-head"><b>RADIO KELL 89.5</b> · la radio du détroit · the Sound's radio · <a href="/radiokell/direct">Écouter / Listen live</a> · <a href="/radiokell/nouvelles/">Nouvelles / News</a> · <a href="/radiokell/marees">Tides</a> · <a href="/radiokell/routes">Roads</a></div>
<div class="rk-item">
<span class="rk-time">lun. 17.11.2042 · 21:15</span>
<h2>Double fault ends Kerrow Indoor final</h2>
<p>Vaudrey's Aurèle Fitzpatrick-Nkemelu lost the Kerrow Indoor final in Port-Mérac tonight on a double fault at match point in the third-set tie-break, after saving four match points of her own. The top seed, Tamsin Okoro-Vallée, called it the cruellest way she has ever won a title.</p>
<span class="rk-voice">Read on air by Lucien Marsh-Gagnon</span>
</div>
<div class="rk-foot">Radio Kell 89.5 is a fictional station invented for software tests. Texts are the news as read on air.</div>
</body>
</html>
