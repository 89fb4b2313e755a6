"""The eighth red-team pass on ``guancha check``, written after the seventh was fixed and told to go beyond it: wiki
and forum markup (Confluence, MediaWiki, DokuWiki, BBCode, Textile), Japanese and Arabic briefings, a forwarded
e-mail, kramdown, Jupyter, TeX4ht, Atom, gemtext; and defects an editor would catch (a home page as a source, an
invisible character or a password in an address, a sign-in page, a tracking pixel, a heuristic that prefers what it
rejects, a source dated after its report, a wrong weekday). Against the checker as it was, 21 of 35 clean briefings
were held and 17 of 25 defective ones passed. The fixtures are the helper's, fictional, in the project's own words.

What is still wrong is pinned too, so that a change either way shows."""

from __future__ import annotations

import json
from pathlib import Path

from guancha.check import check_view
from guancha.check.view import load_view
from tests.check_pins_support import pinned_fixture_tests
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "briefings-redteam8"

# clean briefings still held, with the errors, worst first in the closing note; everything else in clean/ passes
STILL_HELD: dict[str, set[str]] = {}
# defects reported as warnings or not at all: by design or not yet (the closing note says which)
NOT_HELD = {"d07_future_report_date.md", "d09_toc_out_of_order.md",
            "d11_data_uri_image.html", "d16_cross_story_citation.md"}
HELD_BY = {
    "d01_homepage_citation.md": "source-homepage",
    "d02_impossible_arxiv_id.md": "link-fabricated",
    "d03_zero_width_in_url.html": "link-unsafe",
    "d04_bidi_override_url.md": "hygiene-control-characters",
    "d05_tracking_pixel.html": "hygiene-active-content",
    "d06_prefer_equals_over.md": "heuristics-fields",
    "d10_paywall_login_link.md": "link-unsafe",
    "d12_confidence_1_7.md": "heuristics-confidence",
    "d13_breaks_when_na.html": "heuristics-fields",
    "d14_future_dated_source.md": "source-after-report",
    "d15_javascript_href.html": "link-placeholder",
    "d17_leftover_S_markers.md": "hygiene-placeholder",
    "d18_ai_refusal.txt": "hygiene-narration",
    "d19_personal_emails.md": "hygiene-personal-data",   # a delivery log with readers' addresses
    "d20_future_paper.md": "paper-freshness",
    "d21_nonslug_heuristic_id.md": "heuristics-fields",
    "d22_iframe_embed.html": "hygiene-active-content",
    "d23_private_host_link.md": "link-placeholder",
    "d24_credentials_in_url.md": "link-unsafe",
    "d25_wrong_weekday.md": "title-format",
    "d08_same_event_twice.md": "story-same-event",
}
(test_a_clean_briefing_passes_or_is_held_only_where_pinned, test_a_planted_defect_is_held_by_the_rule_that_names_it,
 test_the_defects_not_held_are_the_pinned_ones) = pinned_fixture_tests(FIXTURES, STILL_HELD, HELD_BY, NOT_HELD)


def test_a_password_in_a_cited_address_is_not_printed_back() -> None:
    view = load_view((FIXTURES / "defective" / "d24_credentials_in_url.md").read_bytes(), filename="d.md")
    [finding] = [f for f in check_view(view).findings if f.rule == "link-unsafe"]
    assert "Tr0ub4dor" in (FIXTURES / "defective" / "d24_credentials_in_url.md").read_text(encoding="utf-8")
    assert "user name or password" in finding.message and "Tr0ub4dor" not in finding.message


def test_a_folder_names_every_file_it_does_not_read(tmp_path: Path) -> None:
    for name in ("c02_mediawiki.wiki", "c10_spanish.md", "c33_gemtext.gmi"):
        (tmp_path / name).write_bytes((FIXTURES / "clean" / name).read_bytes())
    (tmp_path / "report.json").write_text("{}", encoding="utf-8")   # beside a report: not listed
    result = run_cli("check", str(tmp_path), "--json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert sorted(Path(s["file"]).name for s in data["skipped"]) == ["c02_mediawiki.wiki", "c33_gemtext.gmi"]


def test_a_person_s_address_is_an_error_a_desk_s_a_warning_and_a_mail_s_envelope_nothing() -> None:
    page = ("From: Harbour Desk <desk@harbourbrief.net>\nTo: jana.novak@mailbox.net\nSubject: Ports — 2026-06-10\n\n"
            "# ⚓ Ports — 2026-06-10\n\nWednesday, June 10, 2026\n\nTips to briefings@harbourbrief.net.\n\n"
            "Delivery log: sent to 1,412, bounced 2 (p.kral@harbourbrief.net, desk@harbourbrief.net).\n")
    view = load_view(page.encode(), filename="mail.md")
    found = sorted((f.severity, f.message.split("'")[1]) for f in check_view(view).findings
                   if f.rule == "hygiene-personal-data")
    assert found == [("error", "desk@harbourbrief.net"), ("error", "p.kral@harbourbrief.net"),
                     ("warning", "briefings@harbourbrief.net")]
