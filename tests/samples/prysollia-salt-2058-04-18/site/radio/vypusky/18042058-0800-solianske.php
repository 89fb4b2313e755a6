<!DOCTYPE html>
<html lang="uk">
<head>
<meta charset="utf-8">
<title>Нова шахта біля Соляного</title>

</head>
<body>
<div class="rs-bar"><b>РАДІО СОЛОНЕЦЬ 102.7</b> · Новини · Стенограма ефіру</div>
<article>
<h1>Нова шахта біля Соляного</h1>
<p class="rs-stamp">чт 18.04.2058 · 08:00</p>
<p><b>Ведучий (Андрій Гуменюк):</b> Соляне чекає на шахту. Компанія отримала дозвіл на двадцять років.</p>
<p><b>Сільський голова Соляного (Марія Кравчук):</b> Для нас це робота для молоді. Головне, щоб дороги відремонтували, бо вантажівок буде багато.</p>
</article>
<div class="foot">Fictional outlet, people and figures, written for software tests.</div>
</body>
</html>
