<!DOCTYPE html>
<html lang="pt">
<head>
<meta charset="utf-8">
<title>TelSar muda de fornecedor das antenas – Rádio Maresia 91.3</title>
</head>
<body>
<div class="mr-bar"><b>RÁDIO MARESIA 91.3 FM</b> · a rádio das ilhas · <a href="/maresia/direto">Ouvir em direto</a> · <a href="/maresia/noticiario/">Noticiário</a> · <a href="/maresia/mares">Marés</a> · <a href="/maresia/discos">Discos pedidos</a></div>
<div class="mr-transcript">
<p class="mr-stamp">qui 26/03/2043 · 12h00</p>
<h2>TelSar muda de fornecedor das antenas</h2>
<p>A TelSar anunciou esta manhã que vai trocar todo o equipamento de rádio das suas mil cento e quarenta antenas: sai a Halvard, entra a Qorin, num contrato de noventa e seis milhões de cruzetas a dois anos e meio, que começa em junho na Praia Funda. A presidente executiva garante que a decisão vem de um concurso aberto em novembro e que nada tem a ver com a falha de ontem.</p>
</div>
<div class="mr-foot">Transcrição do noticiário tal como foi lido em antena · Transcript of the bulletin as read on air. Rádio Maresia is a fictional station invented for software tests.</div>
</body>
</html>
