<!DOCTYPE html>
<html lang="pt">
<head>
<meta charset="utf-8">
<title>Garças outra vez ligado ao mundo – Rádio Maresia 91.3</title>
</head>
<body>
<div class="mr-bar"><b>RÁDIO MARESIA 91.3 FM</b> · a rádio das ilhas · <a href="/maresia/direto">Ouvir em direto</a> · <a href="/maresia/noticiario/">Noticiário</a> · <a href="/maresia/mares">Marés</a> · <a href="/maresia/discos">Discos pedidos</a></div>
<div class="mr-transcript">
<p class="mr-stamp">qui 26/03/2043 · 08h00</p>
<h2>Garças outra vez ligado ao mundo</h2>
<p>Boas notícias para o Ilhéu das Garças: o telefone e a internet voltaram ontem, às nove e meia da noite, ao fim de quarenta e oito horas, com uma torre provisória de trinta metros no Monte Lousado. Tinham sido anunciados até nove dias de reparação. A RedeIlhas pede desculpa aos oitocentos e setenta assinantes do ilhéu e promete uma torre definitiva antes do verão.</p>
</div>
<div class="mr-foot">Transcrição do noticiário tal como foi lido em antena · Transcript of the bulletin as read on air. Rádio Maresia is a fictional station invented for software tests.</div>
</body>
</html>
