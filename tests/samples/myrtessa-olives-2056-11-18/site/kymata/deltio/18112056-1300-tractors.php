<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tractors block the ring road</title>

</head>
<body>
<div class="rk-bar"><b>ΡΑΔΙΟ ΚΥΜΑΤΑ 97,4</b> · Radio Kymata · <a href="/kymata/live">Ζωντανά</a> · <a href="/kymata/deltio/">Δελτία</a></div>
<article>
<p class="rk-stamp">Σάβ 18.11.2056 · 13:00</p><h2>Tractors block the ring road</h2>

<p><b>Newsreader (Lena Stathi):</b> If you are driving around Lethra this afternoon, avoid the Agia Thekla junction. Around three hundred tractors have closed it in both directions.</p>
<p><b>Reporter (Yannis Pollard):</b> The growers say traders are offering them three euros ninety a kilo for extra virgin oil, against five sixty last year. Union spokesman Manolis Drakakis told me they will stay until the regional governor agrees to meet them.</p>
</article>
<div class="rk-foot">Απομαγνητοφώνηση δελτίου · Bulletin transcript. Radio Kymata is fictional.</div>
</body>
</html>
