"""How the extractive digest reads, over every sample web (both days of a two-day sample).

    python benchmarks/bench_digest.py

For each sample the watcher runs as ``guancha eval`` runs it, and each report's stories are read back from its
JSON. Counted per sample, then in total:

- repeated facts: pairs of sentences in one story that state the same fact (two shared figures, or an
  embedding cosine of 0.8 or more, where both are in the Latin script: the model finds every Greek sentence alike);
- orphan openers: paragraphs that open with a sentence leaning on something said before ("It", "The company",
  "… too"), and stories whose first sentence adds to something not told ("X also said");
- foreign sentences: sentences in another language than the report's English (``textutil.language_of``);
- datelines: sentences quoted with the wire's dateline before them ("GRISBECK, Sarnow, Jan 24 (SPS) - ");
- page labels: sentences quoted with the page's furniture before them: a press release's dateline in ordinary case
  ("Vessière, Corvith, April 14, 2039 – "), a transcript's speaker ("Newsreader (Lena Stathi): "), a one-word label
  ("English: "), a live page's time ("6:58 a.m. "), a wire's credit ("(HTI) – "), or a release's "About Acme: …";
- page's voice: sentences speaking to the reader or for the page's staff outside quotation marks ("If you use the
  ferries …", "Our team is at the launch site");
- retold: pairs of sentences in one story where the later names two or more of the earlier one's names, gives no
  figure the earlier does not, and reads alike (embedding cosine 0.6 or more): the news told again in other words,
  which the repeated-facts count (two figures, or 0.8) misses;
- unbalanced punctuation: sentences whose brackets or quotation marks do not pair up;
- citations per sentence, and same-source runs: consecutive sentences of a paragraph citing the same sources,
  each carrying the marks (a run of n counts n - 1).

Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import tempfile
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from guancha.evaluate import evaluate_sample
from guancha.textutil import embed, is_figure, language_of, latin_script, salient_terms, split_sentences

logging.getLogger("httpx").setLevel(logging.WARNING)
ROOT = Path(__file__).resolve().parents[1]
CITE = re.compile(r"\[(S\d+)\]")
PAIRS = [("(", ")"), ("[", "]"), ("“", "”")]
# the bench's own reading of a sentence that needs the one before it, written apart from the writer's rule
ORPHAN = re.compile(r"(?i)^[\"“‘]?(?:it|its|this|that|these|those|he|she|they|their|such|but|and|also|however|"
                    r"the (?:company|firm|group|move|decision|agency|regulator|commission|report)\b)\b"
                    r"|\b(?:too|as well)[.!]?$")
# a story's first sentence also may not add to what came before it ("The union also said")
STORY_ORPHAN = re.compile(r"(?i)^(?:\S+\s){1,5}also\b")
# the bench's own reading of a page's furniture and voice, written apart from the writer's
LABEL = re.compile(r"^(?:[A-Z][\w'’-]*(?: [\w'’-]+)? \([^()]{2,40}\)[^:]{0,40}: |[A-Z][a-z]+: |\d{1,2}[:.]\d{2} ?[ap]\.m\. |"
                   r"\([A-Z]{2,6}\) ?[–—-] |About [A-Z][^ ]*(?: [A-Z][^ ]*){0,3} ?[–—:-] |"
                   r"[A-Z][\w'’ -]+(?:, [^,]{2,30})?, (?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\.? \d{1,2}),? \d{4}[,–— -])")
VOICE = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Ww]e|[Oo]ur|us)\b")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|(?<!\w)'[^'\n]{1,300}'(?!\w)")
DATELINE = re.compile(r"^[A-Z][A-Z'’. -]+(?:,[^,()–—-]{1,30}){0,2}(?: ?\([A-Za-z. ]{2,24}\))?\.? ?[-–—]{1,2} ")


def samples() -> list[Path]:
    found = [ROOT / "src/guancha/samples/china-ai-2026-05-02"]
    return found + sorted(p for p in (ROOT / "tests/samples").iterdir() if (p / "expected.yaml").is_file())


def unbalanced(sentence: str) -> bool:
    text = CITE.sub("", sentence)
    return any(text.count(a) != text.count(b) for a, b in PAIRS) or text.count('"') % 2 == 1 or \
        (text.count("„") + text.count("“") + text.count("”")) % 2 == 1   # „ opens; “ or ” closes it


def figures(sentence: str) -> set[str]:
    return {t for t in salient_terms(CITE.sub("", sentence)) if is_figure(t)}


def measure(report: dict) -> dict[str, float]:
    out = {"stories": 0, "sentences": 0, "repeated_facts": 0, "orphan_openers": 0, "unbalanced": 0,
           "citations": 0, "same_source_runs": 0, "foreign": 0, "datelines": 0, "labels": 0, "voice": 0, "retold": 0}
    for story in report["stories"]:
        out["stories"] += 1
        story_sentences: list[str] = []
        for k, para in enumerate(story["paragraphs"]):
            sentences = split_sentences(para["text"])
            opener = re.sub(r"\s+([.!?])", r"\1", CITE.sub("", sentences[0])).strip() if sentences else ""
            if opener and (ORPHAN.search(opener) or (k == 0 and STORY_ORPHAN.match(opener))):
                out["orphan_openers"] += 1
            previous: list[str] | None = None
            for s in sentences:
                labels = CITE.findall(s)
                out["citations"] += len(labels)
                if labels and previous == labels:
                    out["same_source_runs"] += 1
                previous = labels or previous
                out["unbalanced"] += unbalanced(s)
                out["foreign"] += language_of(CITE.sub("", s)) not in (None, "en")
                out["datelines"] += bool(DATELINE.match(s))
                out["labels"] += bool(LABEL.match(CITE.sub("", s)))
                out["voice"] += bool(VOICE.search(QUOTED.sub(" ", CITE.sub("", s))))
            story_sentences += sentences
        out["sentences"] += len(story_sentences)
        if len(story_sentences) > 1:
            vecs = embed([CITE.sub("", s) for s in story_sentences])
            readable = [latin_script(s) for s in story_sentences]
            for i, j in combinations(range(len(story_sentences)), 2):
                shared = figures(story_sentences[i]) & figures(story_sentences[j])
                alike = readable[i] and readable[j] and float(vecs[i] @ vecs[j]) >= 0.8
                if len(shared) >= 2 or alike:
                    out["repeated_facts"] += 1
                elif readable[i] and readable[j] and float(vecs[i] @ vecs[j]) >= 0.6:
                    ti, tj = salient_terms(CITE.sub("", story_sentences[i])), salient_terms(CITE.sub("", story_sentences[j]))
                    names = {t for t in ti & tj if not is_figure(t)}
                    if len(names) >= 2 and figures(story_sentences[j]) <= figures(story_sentences[i]):
                        out["retold"] += 1
    return out


def main() -> None:
    total: dict[str, float] = {}
    print(f"{'sample':<36} {'stories':>7} {'sent':>5} {'repeat':>6} {'orphan':>6} {'unbal':>5} {'cites/s':>7} {'runs':>5}"
          f" {'foreign':>7} {'dateln':>6} {'labels':>6} {'voice':>5} {'retold':>6}")
    for sample in samples():
        with tempfile.TemporaryDirectory(prefix="bench-digest-") as tmp:
            score = evaluate_sample(sample, workspace=Path(tmp) / "ws")
            figures_ = measure({"stories": []})   # all zero: a sample whose every day was held has no report
            for report_path in sorted((Path(score.workspace) / "reports").rglob("*.json")):
                for key, value in measure(json.loads(report_path.read_text(encoding="utf-8"))).items():
                    figures_[key] = figures_.get(key, 0) + value
        for key, value in figures_.items():
            total[key] = total.get(key, 0) + value
        per = figures_["citations"] / max(1, figures_["sentences"])
        print(f"{sample.name:<36} {figures_['stories']:>7.0f} {figures_['sentences']:>5.0f} "
              f"{figures_['repeated_facts']:>6.0f} {figures_['orphan_openers']:>6.0f} {figures_['unbalanced']:>5.0f} "
              f"{per:>7.2f} {figures_['same_source_runs']:>5.0f} {figures_['foreign']:>7.0f} {figures_['datelines']:>6.0f} "
              f"{figures_['labels']:>6.0f} {figures_['voice']:>5.0f} {figures_['retold']:>6.0f}")
    per = total["citations"] / max(1, total["sentences"])
    print(f"{'all samples':<36} {total['stories']:>7.0f} {total['sentences']:>5.0f} {total['repeated_facts']:>6.0f} "
          f"{total['orphan_openers']:>6.0f} {total['unbalanced']:>5.0f} {per:>7.2f} {total['same_source_runs']:>5.0f} "
          f"{total['foreign']:>7.0f} {total['datelines']:>6.0f} {total['labels']:>6.0f} {total['voice']:>5.0f} "
          f"{total['retold']:>6.0f}")


if __name__ == "__main__":
    main()
