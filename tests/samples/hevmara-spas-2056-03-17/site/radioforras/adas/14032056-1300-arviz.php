<!DOCTYPE html>
<html lang="hu">
<head>
<meta charset="utf-8">
<title>Víz alatt a fürdőnegyed</title>

</head>
<body>
<div class="rf-bar"><b>RÁDIÓ FORRÁS 97.4</b> · Kőfürdő · Hírek · Adásnapló</div>
<article>
<h1>Víz alatt a fürdőnegyed</h1>
<p class="rf-stamp">kedd 14.03.2056 · 13:00</p>
<p><b>Hírolvasó (Kántor Emese):</b> Kőfürdőn víz alatt van a fürdőnegyed, a Nagyfürdő zárva. A folyóparti szállodákból reggel óta mindenkit kimenekítettek.</p>
<p><b>Riporter (Balogh Dénes):</b> Itt a Fürdő-sziget hídjánál most is homokzsákokat raknak az önkéntesek. A gyógyfürdő dolgozói a régi patikabútort vitték fel az emeletre.</p>
</article>
<div class="rf-foot">Az adás leirata · Transcript as broadcast. Rádió Forrás is fictional.</div>
</body>
</html>
