"""The allow-list sanitiser that report bodies pass through before a site page or a feed entry shows them."""

from __future__ import annotations

from lxml import html as lxml_html

from guancha.publish.feed import sanitise_fragment

HOSTILE = (
    '<h2 onclick="x()">Title <blink>kept</blink></h2>'
    '<script>alert(1)</script><style>p{}</style><!-- secret -->'
    '<p style="color:red">Text <img src=x onerror=alert(1)>after image '
    '<a href="javascript:alert(1)">js link</a> <A HREF=" JaVaScRiPt:alert(2)">mixed case</A> '
    '<a href="data:text/html,hi">data link</a> <a href="https://ok.example/a" target="_blank" rel="opener">ok</a> '
    '<a href="#story-2">anchor</a></p>'
    '<svg><a href="https://evil.example/">in svg</a></svg><form action="https://evil.example/">'
    '<input name="q"></form><iframe srcdoc="<script>alert(3)</script>"></iframe>'
    '<math><mi>x</mi></math><object data="x.swf"></object><p>tail <custom-el data-x="1">inside</custom-el></p>'
)


def test_sanitiser_keeps_text_and_safe_links_only() -> None:
    out = sanitise_fragment(HOSTILE)
    doc = lxml_html.fragment_fromstring(out, create_parent="div")
    tags = {el.tag for el in doc.iter()} - {"div"}
    assert tags == {"h2", "p", "a"}
    attrs = {name for el in doc.iter() for name in el.attrib}
    assert attrs <= {"href", "rel"}
    links = [(a.get("href"), a.get("rel"), a.text_content()) for a in doc.iter("a")]
    assert links == [("https://ok.example/a", "noopener noreferrer nofollow", "ok"), ("#story-2", None, "anchor")]
    text = doc.text_content()
    for kept in ("Title kept", "after image", "js link", "mixed case", "data link", "tail inside"):
        assert kept in text
    for gone in ("alert", "secret", "in svg", "p{}", "evil"):
        assert gone not in out


def test_sanitiser_on_empty_and_plain_text() -> None:
    assert sanitise_fragment("") == ""
    assert sanitise_fragment("   ") == ""
    assert sanitise_fragment("just &lt;text&gt;") == "just &lt;text&gt;"


def test_a_report_page_keeps_only_its_link_to_the_earlier_report() -> None:
    """A follow-up links the earlier report's page, a sibling folder; a report page keeps exactly that relative
    form, and a feed (read anywhere) keeps none."""
    body = ('<p>Follow-up to <a href="../2026-06-10/">the report of June 10</a>, '
            '<a href="../../etc/passwd">x</a> <a href="javascript:alert(1)">y</a> <a href="../2026-06-10/../../z">z</a></p>')
    page = sanitise_fragment(body, keep_report_links=True)
    assert '<a href="../2026-06-10/">the report of June 10</a>' in page
    assert page.count("<a ") == 1
    assert "<a " not in sanitise_fragment(body)
