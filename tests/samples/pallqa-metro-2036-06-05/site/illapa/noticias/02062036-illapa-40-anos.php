<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Forty years on air: how a one-room station became the voice of Pallqa – Radio Illapa 97.3</title>
</head>
<body>
<div id="ri-bar"><span class="ri-logo">RADIO ILLAPA 97.3 FM</span> <span>La voz de Pallqa · The voice of Pallqa</span> <a href="/illapa/envivo">En vivo / Listen live</a> <a href="/illapa/noticias/">Noticias</a> <a href="/illapa/transito">Tránsito</a> <a href="/illapa/clima">Clima</a></div>
<div id="ri-news">
<div class="ri-when">lun 02/06/2036 · 09:00</div>
<h1>Forty years on air: how a one-room station became the voice of Pallqa</h1>
<p>Radio Illapa went on air for the first time on 2 June 1996 from a rented room above a hardware shop on Jr. Puno, with a second-hand transmitter and a signal that, on a good day, reached the far end of Puka Pampa.</p>
<p>Forty years later the station broadcasts on 97.3 FM from a studio in Sanka, streams in English and Spanish, and reaches, by its own count, 410,000 listeners a week across the region.</p>
<p>Don Efraín Huamaní, who founded the station with his sister Alicia, still remembers the first morning. “We had one microphone, one turntable and a telephone line that worked when it did not rain,” he said.</p>
<p>Illapa's phone-in show, Línea Abierta, started in 1999 and has run every weekday since. Over the years listeners have used it to report potholes, lost dogs, water cuts and, once, a runaway llama on the ring road.</p>
<p>The station moved to bilingual programming in 2011, when its English service began as two hours a night for students and the engineers of the mines in the upper valley. Today half of the schedule is in English.</p>
<p>In 2014 the transmitter moved to the top of Cerro Wachwa, which is why Illapa can now be heard as far as Yanaqaqa. The old aerial is still on the roof on Jr. Puno; pigeons use it.</p>
<p>The newsroom, started in 2002 with one reporter and a moped, now has eleven journalists. Its coverage of the 2027 floods won the national radio prize.</p>
<p>On Monday the station marks the anniversary with a live broadcast from the square in front of its old building, with music from the Chillka valley, the original turntable, and messages from listeners who have been tuning in since 1996.</p>
<p>There are no plans to change the name. “Illapa means lightning,” said the station manager, Verónica Tito. “We are still fast, and we still make a bit of noise.”</p>
<p>The anniversary programme runs from 10 a.m. to 8 p.m. on 97.3 FM and online.</p>
</div>
<div id="ri-foot">Radio Illapa 97.3 is a fictional station invented for software tests. News items are transcribed from air. Jr. Puno 118, Pallqa City.</div>
</body>
</html>
