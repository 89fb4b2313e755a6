<!DOCTYPE html>
<html lang="pt">
<head>
<meta charset="utf-8">
<title>Semáforos apagados na rotunda da Praia Funda – Rádio Maresia 91.3</title>
</head>
<body>
<div class="mr-bar"><b>RÁDIO MARESIA 91.3 FM</b> · a rádio das ilhas · <a href="/maresia/direto">Ouvir em direto</a> · <a href="/maresia/noticiario/">Noticiário</a> · <a href="/maresia/mares">Marés</a> · <a href="/maresia/discos">Discos pedidos</a></div>
<div class="mr-transcript">
<p class="mr-stamp">ter 24/03/2043 · 23h40</p>
<h2>Semáforos apagados na rotunda da Praia Funda</h2>
<p>Os semáforos da rotunda de entrada da Praia Funda estão apagados desde as dez da noite, depois de um camião ter derrubado o poste de comando. A polícia está a regular o trânsito e a câmara promete a reparação para amanhã à tarde.</p>
</div>
<div class="mr-foot">Transcrição do noticiário tal como foi lido em antena · Transcript of the bulletin as read on air. Rádio Maresia is a fictional station invented for software tests.</div>
</body>
</html>
