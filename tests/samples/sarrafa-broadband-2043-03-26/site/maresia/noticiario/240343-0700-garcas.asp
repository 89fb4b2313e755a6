<!DOCTYPE html>
<html lang="pt">
<head>
<meta charset="utf-8">
<title>Garças continua sem comunicações – Rádio Maresia 91.3</title>
</head>
<body>
<div class="mr-bar"><b>RÁDIO MARESIA 91.3 FM</b> · a rádio das ilhas · <a href="/maresia/direto">Ouvir em direto</a> · <a href="/maresia/noticiario/">Noticiário</a> · <a href="/maresia/mares">Marés</a> · <a href="/maresia/discos">Discos pedidos</a></div>
<div class="mr-transcript">
<p class="mr-stamp">ter 24/03/2043 · 07h00</p>
<h2>Garças continua sem comunicações</h2>
<p><b>Pivô:</b> O Ilhéu das Garças acordou hoje outra vez sem telefone e sem internet. A torre do Monte Lousado caiu ontem à noite, com o temporal.</p>
<p><b>Repórter:</b> São duas mil e trezentas pessoas sem rede. A RedeIlhas diz que a reparação pode levar até nove dias e a Proteção Civil deixou um telefone por satélite no posto de saúde.</p>
</div>
<div class="mr-foot">Transcrição do noticiário tal como foi lido em antena · Transcript of the bulletin as read on air. Rádio Maresia is a fictional station invented for software tests.</div>
</body>
</html>
