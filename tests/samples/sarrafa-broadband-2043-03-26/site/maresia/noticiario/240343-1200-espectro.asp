<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>New centre for children on the autism spectrum – Rádio Maresia 91.3</title>
</head>
<body>
<div class="mr-bar"><b>RÁDIO MARESIA 91.3 FM</b> · a rádio das ilhas · <a href="/maresia/direto">Ouvir em direto</a> · <a href="/maresia/noticiario/">Noticiário</a> · <a href="/maresia/mares">Marés</a> · <a href="/maresia/discos">Discos pedidos</a></div>
<div class="mr-transcript">
<p class="mr-stamp">ter 24/03/2043 · 12h00</p>
<h2>New centre for children on the autism spectrum</h2>
<p>A day centre for children and teenagers on the autism spectrum opened this morning in Vila Serrana, the first outside the capital. It has places for twenty-four young people and a waiting list already twice as long. Parents had campaigned for it for six years.</p>
</div>
<div class="mr-foot">Transcrição do noticiário tal como foi lido em antena · Transcript of the bulletin as read on air. Rádio Maresia is a fictional station invented for software tests.</div>
</body>
</html>
