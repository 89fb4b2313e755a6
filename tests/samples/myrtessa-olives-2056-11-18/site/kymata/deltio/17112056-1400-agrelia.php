<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Co-op says yes to Agrelia</title>

</head>
<body>
<div class="rk-bar"><b>ΡΑΔΙΟ ΚΥΜΑΤΑ 97,4</b> · Radio Kymata · <a href="/kymata/live">Ζωντανά</a> · <a href="/kymata/deltio/">Δελτία</a></div>
<article>
<p class="rk-stamp">Παρ 17.11.2056 · 14:00</p><h2>Co-op says yes to Agrelia</h2>

<p><b>Newsreader (Lena Stathi):</b> The olive growers of Skala Myrtis have sold their mill. Agrelia Foods is paying twelve and a half million euros for it, and the vote last night was not close.</p>
<p><b>Reporter (Yannis Pollard):</b> I'm outside the mill and the lorries are still queuing with this week's olives, so for now nothing changes. Members I spoke to are split: the younger ones say the money pays off the cooperative's debts, the older ones say Agrelia will now set the price they get.</p>
</article>
<div class="rk-foot">Απομαγνητοφώνηση δελτίου · Bulletin transcript. Radio Kymata is fictional.</div>
</body>
</html>
