<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Cattle on the Vila Serrana road – Rádio Maresia 91.3</title>
</head>
<body>
<div class="mr-bar"><b>RÁDIO MARESIA 91.3 FM</b> · a rádio das ilhas · <a href="/maresia/direto">Ouvir em direto</a> · <a href="/maresia/noticiario/">Noticiário</a> · <a href="/maresia/mares">Marés</a> · <a href="/maresia/discos">Discos pedidos</a></div>
<div class="mr-transcript">
<p class="mr-stamp">seg 23/03/2043 · 19h00</p>
<h2>Cattle on the Vila Serrana road</h2>
<p>Drivers on the Vila Serrana road are asked to slow down tonight: about thirty cows broke through a fence above the Serra da Cruz bend this afternoon and are roaming across both lanes. The farmer says he will round them up at first light.</p>
</div>
<div class="mr-foot">Transcrição do noticiário tal como foi lido em antena · Transcript of the bulletin as read on air. Rádio Maresia is a fictional station invented for software tests.</div>
</body>
</html>
