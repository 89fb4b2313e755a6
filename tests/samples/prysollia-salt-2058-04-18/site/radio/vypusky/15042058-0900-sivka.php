<!DOCTYPE html>
<html lang="uk">
<head>
<meta charset="utf-8">
<title>Солона Сівка</title>

</head>
<body>
<div class="rs-bar"><b>РАДІО СОЛОНЕЦЬ 102.7</b> · Новини · Стенограма ефіру</div>
<article>
<h1>Солона Сівка</h1>
<p class="rs-stamp">пн 15.04.2058 · 09:00</p>
<p><b>Ведуча (Оксана Мельник):</b> Біля Жовтоярська зранку лопнула труба, по якій на солеварню йде розсіл. Вода в Сівці стала солоною.</p>
<p><b>Рибалка з села Підгаї:</b> Я тут сорок років ловлю. Таке бачу вперше - щука на березі лежить, очі білі.</p>
</article>
<div class="foot">Fictional outlet, people and figures, written for software tests.</div>
</body>
</html>
