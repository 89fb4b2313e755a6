<!DOCTYPE html>
<html lang="hu">
<head>
<meta charset="utf-8">
<title>Holnap nyit a Kupolafürdő</title>

</head>
<body>
<div class="rf-bar"><b>RÁDIÓ FORRÁS 97.4</b> · Kőfürdő · Hírek · Adásnapló</div>
<article>
<h1>Holnap nyit a Kupolafürdő</h1>
<p class="rf-stamp">pén 17.03.2056 · 12:00</p>
<p><b>Hírolvasó (Kántor Emese):</b> Holnap reggel hétkor nyit a felújított almásvári Kupolafürdő. A jegyeket ma estétől lehet megvenni az interneten.</p>
<p><b>Riporter (Balogh Dénes):</b> A kupola alatt most tesztelik a medencék fűtését, a víz már 36 fokos. Az első vendégek között lesznek a felújításon dolgozó munkások családjai is.</p>
</article>
<div class="rf-foot">Az adás leirata · Transcript as broadcast. Rádió Forrás is fictional.</div>
</body>
</html>
