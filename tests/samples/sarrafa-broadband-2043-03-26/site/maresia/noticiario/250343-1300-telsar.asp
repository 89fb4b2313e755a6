<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Six hours without data – Rádio Maresia 91.3</title>
</head>
<body>
<div class="mr-bar"><b>RÁDIO MARESIA 91.3 FM</b> · a rádio das ilhas · <a href="/maresia/direto">Ouvir em direto</a> · <a href="/maresia/noticiario/">Noticiário</a> · <a href="/maresia/mares">Marés</a> · <a href="/maresia/discos">Discos pedidos</a></div>
<div class="mr-transcript">
<p class="mr-stamp">qua 25/03/2043 · 13h00</p>
<h2>Six hours without data</h2>
<p><b>Newsreader (Ezequiel Bragança):</b> It is one o'clock, and for six hours now most of the islands have been without mobile internet. TelSar says about one point two six million of its mobile customers and two hundred and twelve thousand homes and businesses on its fixed lines have had no data since just before seven this morning. Calls are getting through, but very slowly.</p>
<p><b>Reporter (Sílvia Rocha-Imbert), outside TelSar headquarters:</b> The company told us a little after noon that a cable was cut by roadworks up on the Serra da Cruz, and that when traffic moved to the other route, something went wrong in, quote, the routing of the network. They would not say more. Engineers are up on the pass now. The bank association says card payments are failing in about four shops out of ten, and a lot of cash machines are out.</p>
<p><b>Newsreader:</b> And emergency calls?</p>
<p><b>Reporter:</b> One-one-two is working. Those calls are being carried over Marola's masts where TelSar's are not answering.</p>
<p><b>Newsreader:</b> TelSar says it hopes to restore service "in the afternoon". We will keep you informed.</p>
</div>
<div class="mr-foot">Transcrição do noticiário tal como foi lido em antena · Transcript of the bulletin as read on air. Rádio Maresia is a fictional station invented for software tests.</div>
</body>
</html>
