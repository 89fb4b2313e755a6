<!DOCTYPE html>
<html lang="hu">
<head>
<meta charset="utf-8">
<title>Szombattól újra lehet úszni a meleg tóban</title>

</head>
<body>
<div class="rf-bar"><b>RÁDIÓ FORRÁS 97.4</b> · Kőfürdő · Hírek · Adásnapló</div>
<article>
<h1>Szombattól újra lehet úszni a meleg tóban</h1>
<p class="rf-stamp">pén 17.03.2056 · 08:00</p>
<p><b>Hírolvasó (Kántor Emese):</b> Jó hír a hegyaljai strandolóknak: szombat reggeltől ismét szabad a fürdés a tóban, a hatóság feloldja a tilalmat.</p>
<p><b>Riporter (Balogh Dénes):</b> A büfések már pakolnak vissza. A víz tiszta, a zöld sáv eltűnt.</p>
</article>
<div class="rf-foot">Az adás leirata · Transcript as broadcast. Rádió Forrás is fictional.</div>
</body>
</html>
