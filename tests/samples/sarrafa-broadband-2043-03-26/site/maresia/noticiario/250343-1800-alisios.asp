<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A new cable on the beach – Rádio Maresia 91.3</title>
</head>
<body>
<div class="mr-bar"><b>RÁDIO MARESIA 91.3 FM</b> · a rádio das ilhas · <a href="/maresia/direto">Ouvir em direto</a> · <a href="/maresia/noticiario/">Noticiário</a> · <a href="/maresia/mares">Marés</a> · <a href="/maresia/discos">Discos pedidos</a></div>
<div class="mr-transcript">
<p class="mr-stamp">qua 25/03/2043 · 18h00</p>
<h2>A new cable on the beach</h2>
<p>At Praia Funda this afternoon divers brought the Alísios-2 cable onto the beach and into its new station on Rua do Cais: one thousand four hundred metres of it from the ship in the bay. The line to Marendia, two thousand eight hundred and seventy kilometres long, is due to carry its first traffic in November.</p>
</div>
<div class="mr-foot">Transcrição do noticiário tal como foi lido em antena · Transcript of the bulletin as read on air. Rádio Maresia is a fictional station invented for software tests.</div>
</body>
</html>
