"""A static-site generator's source (Jekyll, Hugo) reads as the Markdown it renders: its highlight blocks are code
fences, so the heuristics written in one are read, and its other directives ("{% include %}", "{{% notice %}}") are
no text of the report. Red team 9's Hugo post held its heuristics inside "{{< highlight yaml >}}"; these are other
variants written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from guancha.check import check_view
from guancha.check.view import load_view

CLEAN = Path(__file__).parent / "fixtures" / "briefings" / "clean.md"


@pytest.mark.parametrize("opener, closer", [
    ("{% highlight yaml %}", "{% endhighlight %}"),
    ("{%- highlight yaml linenos -%}", "{%- endhighlight -%}"),
    ('{{< code lang="yaml" >}}', "{{< /code >}}"),
    ("{{% highlight yaml %}}", "{{% /highlight %}}"),
])
def test_heuristics_in_a_site_generators_highlight_block_are_read(opener: str, closer: str) -> None:
    text = CLEAN.read_text(encoding="utf-8")
    assert text.count("```yaml") == 1
    head, tail = text.split("```yaml", 1)
    body, rest = tail.split("```", 1)
    rewritten = head + opener + body + closer + rest
    rewritten = rewritten.replace("## Table of Contents", "{% include adsense.html %}\n\n## Table of Contents", 1)
    view = load_view(rewritten, filename="post.md")
    assert view.heuristics is not None and len(view.heuristics.entries) >= 2
    assert [f for f in check_view(view).findings if f.severity == "error"] == []


def test_a_directive_inside_a_sentence_stays_text() -> None:
    text = CLEAN.read_text(encoding="utf-8").replace(
        "The economics rest on materials.", "The economics rest on materials ({% raw %} aside).", 1)
    view = load_view(text, filename="post.md")
    assert any("{% raw %} aside" in p.text for s in view.stories for p in s.paragraphs)
