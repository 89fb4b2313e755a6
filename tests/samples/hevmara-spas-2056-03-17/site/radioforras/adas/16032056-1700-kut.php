<!DOCTYPE html>
<html lang="hu">
<head>
<meta charset="utf-8">
<title>Forró víz a Ligetben</title>

</head>
<body>
<div class="rf-bar"><b>RÁDIÓ FORRÁS 97.4</b> · Kőfürdő · Hírek · Adásnapló</div>
<article>
<h1>Forró víz a Ligetben</h1>
<p class="rf-stamp">csüt 16.03.2056 · 17:00</p>
<p><b>Hírolvasó (Kántor Emese):</b> Almásváron sikeres volt az új termálkút próbaüzeme, nyolcvanegy fokos víz jön a felszínre.</p>
<p><b>Riporter (Balogh Dénes):</b> A fúrótorony mellett gőzfelhő száll fel. A távhőcég szerint ősztől lakásokat fűthet a kút, később fürdő is épülhet mellé.</p>
</article>
<div class="rf-foot">Az adás leirata · Transcript as broadcast. Rádió Forrás is fictional.</div>
</body>
</html>
