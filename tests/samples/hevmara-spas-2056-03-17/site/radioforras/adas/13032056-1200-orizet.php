<!DOCTYPE html>
<html lang="hu">
<head>
<meta charset="utf-8">
<title>Őrizetben a gyógyfürdő igazgatója</title>

</head>
<body>
<div class="rf-bar"><b>RÁDIÓ FORRÁS 97.4</b> · Kőfürdő · Hírek · Adásnapló</div>
<article>
<h1>Őrizetben a gyógyfürdő igazgatója</h1>
<p class="rf-stamp">hét 13.03.2056 · 12:00</p>
<p><b>Hírolvasó (Kántor Emese):</b> Őrizetbe vették a kőfürdői gyógyfürdő igazgatóját. A rendőrség szerint 2,3 millió aranyat fogadhatott el egy építőcégtől a strandmedencék felújításáért.</p>
<p><b>Riporter (Balogh Dénes):</b> A cég irodájából délelőtt dobozokban vitték ki az iratokat. Az önkormányzat ideiglenes vezetőt nevezett ki.</p>
</article>
<div class="rf-foot">Az adás leirata · Transcript as broadcast. Rádió Forrás is fictional.</div>
</body>
</html>
