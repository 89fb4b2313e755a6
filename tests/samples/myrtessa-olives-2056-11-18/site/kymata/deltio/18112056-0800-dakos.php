<!DOCTYPE html>
<html lang="el">
<head>
<meta charset="utf-8">
<title>Δάκος: μαζέψτε νωρίς</title>

</head>
<body>
<div class="rk-bar"><b>ΡΑΔΙΟ ΚΥΜΑΤΑ 97,4</b> · Radio Kymata · <a href="/kymata/live">Ζωντανά</a> · <a href="/kymata/deltio/">Δελτία</a></div>
<article>
<p class="rk-stamp">Σάβ 18.11.2056 · 08:00</p><h2>Δάκος: μαζέψτε νωρίς</h2>

<p><b>Εκφωνήτρια (Λένα Στάθη):</b> Συμβουλή της Περιφέρειας προς τους παραγωγούς στις Πλατανιές και τον Κάμπο: μαζέψτε τις ελιές σας όσο πιο γρήγορα μπορείτε.</p>
<p><b>Ρεπόρτερ (Γιάννης Πόλαρντ):</b> Στα ελαιοτριβεία της περιοχής οι ουρές μεγαλώνουν ήδη. Οι γεωπόνοι λένε ότι με τον δάκο σε τέτοια νούμερα, κάθε μέρα καθυστέρησης κοστίζει σε ποιότητα.</p>
</article>
<div class="rk-foot">Απομαγνητοφώνηση δελτίου · Bulletin transcript. Radio Kymata is fictional.</div>
</body>
</html>
