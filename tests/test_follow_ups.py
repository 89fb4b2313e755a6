"""Follow-ups, not repeats (issue 10): on the two-day city-transit sample web, and on articles written here.

A day's page that only restates what an earlier report told is not news; one that continues it with new
facts is a follow-up, headed as one, citing only new sources.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from guancha.select import ArticleView, Continued, _Told, article_terms, continuation
from guancha.store.runs import EarlierStory
from guancha.textutil import embed
from tests.conftest import run_cli

SAMPLE = Path(__file__).parent / "samples" / "city-transit-2026-06-11"


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("follow") / "ws"
    proc = run_cli("eval", str(SAMPLE), "--workspace", str(root), "--json", timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_the_second_day_marks_its_follow_up_and_drops_the_rehash(scored: dict) -> None:
    first, second = scored["days"]
    assert first["status"] == second["status"] == "finalised"
    assert scored["follow_ups_marked"] == scored["follow_ups_expected"] == 1
    assert scored["rehash_cited"] == 0 and scored["recited_urls"] == []
    assert scored["quiet_right"]            # three new stories of four wanted: a quiet day, truly
    report = json.loads((Path(scored["workspace"]) / "reports" / "transit-watch" / "2026-06-11.json")
                        .read_text(encoding="utf-8"))
    updates = [s for s in report["stories"] if s["headline"].startswith("Update:")]
    assert len(updates) == 1 and updates[0]["subtitle"].startswith("Follow-up to June 10, 2026: ")
    cited = {c["url"] for c in report["citations"].values()}
    earlier = json.loads((Path(scored["workspace"]) / "reports" / "transit-watch" / "2026-06-10.json")
                         .read_text(encoding="utf-8"))
    assert not cited & {c["url"] for c in earlier["citations"].values()}   # only new sources


def test_the_follow_up_links_the_earlier_report_in_every_format_and_on_the_site(scored: dict) -> None:
    """The "Follow-up to" line links the report it continues where it really is: from the standalone Markdown and
    HTML files in reports/<watcher>/, the earlier report's file of the same kind (the link resolves from where the
    file is written); on the built site, that report's page (a sibling folder). The gates read it as a pointer,
    not as a source."""
    from guancha.check.view import load_view
    from guancha.publish.site import build_site
    from guancha.workspace import open_workspace

    folder = Path(scored["workspace"]) / "reports" / "transit-watch"
    markdown = (folder / "2026-06-11.md").read_text(encoding="utf-8")
    assert "\nFollow-up to [the report of June 10, 2026](2026-06-10.md).\n" in markdown
    html = (folder / "2026-06-11.html").read_text("utf-8")
    assert '<a href="2026-06-10.html">the report of June 10, 2026</a>' in html
    assert (folder / "2026-06-10.md").is_file() and (folder / "2026-06-10.html").is_file()
    stories = json.loads((folder / "2026-06-11.json").read_text(encoding="utf-8"))["stories"]
    linked = [s["follow_up_of"] for s in stories if "follow_up_of" in s]
    assert linked == [{"report_date": "2026-06-10", "headline": linked[0]["headline"], "href": "2026-06-10.html",
                       "site_href": "../2026-06-10/"}]
    view = load_view(markdown, filename="2026-06-11.md")
    story = next(s for s in view.stories if s.follow_up)
    assert story.earlier_report is not None and story.earlier_report.url == "2026-06-10.md"
    assert all(link.url != "2026-06-10.md" for p in story.paragraphs for link in p.links)
    ws = open_workspace(Path(scored["workspace"]))
    try:
        site = Path(scored["workspace"]) / "site-out"
        build_site(ws, site, search=False)
    finally:
        ws.close()
    page = (site / "transit-watch" / "2026-06-11" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../2026-06-10/">the report of June 10, 2026</a>' in page
    assert "2026-06-10.html" not in page
    assert (site / "transit-watch" / "2026-06-10" / "index.html").is_file()


def test_a_follow_up_links_the_earlier_reports_real_file_a_correction_or_a_moved_folder_included(
        tmp_path: Path) -> None:
    """The earlier report was corrected (its latest file is 2026-06-10.v2.*) and the reports folder has since moved:
    each link is the relative path from the new report's folder to the file the earlier report was written to."""
    from guancha.publish.site import article_of
    from guancha.select import FollowUp
    from guancha.write.base import earlier_report_href

    old = tmp_path / "old-reports" / "w"
    new = tmp_path / "reports" / "w"
    follow = FollowUp(report_date="2026-06-10", headline="h", md_path=str(old / "2026-06-10.v2.md"),
                      html_path=str(old / "2026-06-10.v2.html"))
    assert earlier_report_href(follow, "md", old) == "2026-06-10.v2.md"
    assert earlier_report_href(follow, "html", new) == "../../old-reports/w/2026-06-10.v2.html"
    assert earlier_report_href(FollowUp(report_date="2026-06-10", headline="h"), "html", new) == "2026-06-10.html"
    body = ('<article><p class="follow-up">Follow-up to <a href="../../old-reports/w/2026-06-10.v2.html">the report of '
            'June 10</a>.</p><p>x <a href="https://news.example/2026-06-10.html">s</a></p></article>')
    shown = article_of(body)
    assert '<a href="../2026-06-10/">the report of June 10</a>' in shown
    assert 'href="https://news.example/2026-06-10.html"' in shown    # a source's address is never rewritten


def test_both_days_stories_are_found_whole(scored: dict) -> None:
    """Day one's tram-fare story is told as "a flat tram fare" and "tram fares capped": no shared proper name
    but the city's, which is in every lead; the common words of the two headlines still make it one story."""
    assert scored["pairwise_precision"] == 1.0 and scored["pairwise_f1"] >= 0.95
    assert scored["stories_found"] == scored["stories_counted"]


def _view(i: int, title: str, text: str, day: str = "2026-03-03T09:00:00Z") -> ArticleView:
    return ArticleView(id=f"a{i}", url=f"https://news{i}.example/{i}", title=title, outlet=f"News {i}",
                       published_at=day, text=text, kind="article")


TOLD = [
    _view(1, "Fenmoor council votes to close the Aldgate ferry crossing",
          "Fenmoor council voted on Monday to close the Aldgate ferry crossing in October after 112 years, "
          "saying the 3.4 million pound repair bill for the landing stage could not be met. Councillor Rhona "
          "Pike said the 600 daily passengers would be offered a shuttle bus over the Brant Bridge instead."),
    _view(2, "Aldgate ferry to stop sailing in October",
          "The Aldgate ferry will make its last crossing in October, Fenmoor council decided on Monday. Repairs "
          "to the landing stage would cost 3.4 million pounds. Rhona Pike, who chairs the transport committee, "
          "said a shuttle bus via the Brant Bridge would replace it for the 600 people who use it each day."),
]


def _told() -> list[_Told]:
    story = EarlierStory("2026-03-02", "Fenmoor council votes to close the Aldgate ferry crossing", ["a1", "a2"])
    return [_Told(story, embed([a.doc for a in TOLD]), [article_terms(a) for a in TOLD])]


def _continuation(*arts: ArticleView) -> Continued | None:
    vectors = embed([a.doc for a in arts])
    return continuation(np.asarray(vectors), [article_terms(a) for a in arts], _told())


def test_a_page_restating_the_told_story_in_other_words_is_a_repeat() -> None:
    rehash = _view(3, "Why the Aldgate ferry is going", (
        "Passengers on the Aldgate ferry have until October before the crossing ends, after Fenmoor council "
        "decided this week that it could not afford the 3.4 million pound landing stage repair. About 600 "
        "people cross each day; Rhona Pike says they will get a shuttle bus using the Brant Bridge."))
    found = _continuation(rehash)
    assert found is not None and found.news is False


def test_a_page_with_new_facts_about_the_told_story_is_a_follow_up() -> None:
    follow = _view(4, "Aldgate ferry saved by a 2.1 million pound bid from the Tamsin Trust", (
        "The Aldgate ferry will keep sailing after the Tamsin Trust offered 2.1 million pounds towards the landing "
        "stage repair, Fenmoor council said on Wednesday, reversing its decision to close the crossing. The "
        "trust's chair Idris Vane said volunteers would run a Sunday service from May, and the council will "
        "pay the remaining 1.3 million pounds over 4 years."))
    found = _continuation(follow)
    assert found is not None and found.news is True
    assert found.story.headline.startswith("Fenmoor council")


def test_another_story_of_the_same_town_is_not_a_continuation() -> None:
    other = _view(5, "Fenmoor library opens a repair cafe", (
        "Fenmoor library opened a repair cafe on Tuesday where volunteers fix toasters, bicycles and clothes for "
        "free. The cafe runs every second Saturday and fixed 45 items on its first day, organiser Bea Holt said."))
    assert _continuation(other) is None


def test_follow_up_window_is_a_week() -> None:
    from guancha.select import FOLLOW_UP_DAYS

    assert dt.timedelta(days=FOLLOW_UP_DAYS) == dt.timedelta(weeks=1)


def test_a_page_giving_the_follow_ups_new_figures_is_its_source_however_much_it_restates() -> None:
    """A gas strike called off: the wire and the radio give the pay offer (6.4%, EUR 1,250); the daily gives the same
    offer inside three paragraphs on the ballot it recalls (87%, 1,900 engineers). Read alone the daily's page was
    mostly the earlier story, so it was set aside as "adds no new figure or name". The offer's figures, told by two
    pages and by no earlier source, are the follow-up's news; a bare day of the month is no such figure."""
    from guancha.select import follow_up_news

    told = [{"87percent", "1900", "velm gas", "24"}]
    wire = {"6.4percent", "1250", "87percent", "velm gas", "23"}
    radio = {"6.4percent", "1250", "velm gas", "23"}
    daily = {"6.4percent", "1250", "87percent", "1900", "velm gas", "24", "strike ballot"}
    rehash = {"87percent", "1900", "velm gas", "23"}
    news = follow_up_news([wire, radio, daily, rehash], told)
    assert news == {"6.4percent", "1250"}
    assert daily & news and not rehash & news
    assert follow_up_news([wire, rehash], told) == set()    # a figure one page alone gives is not yet the news


MILL_TOLD = [
    _view(11, "Brackwater Mills fined over dye spill in the Ettle", (
        "Brackwater Mills was fined 420,000 crowns on Monday after 3,800 litres of blue dye from its Ettle works "
        "reached the river, the Ennis water board said. Mill director Oona Fairlie apologised to anglers and said "
        "a cracked tank valve was to blame."), "2026-04-13T09:00:00Z"),
    _view(12, "Dye leak turns the Ettle blue; mill pays 420,000 crowns", (
        "The Ennis water board fined Brackwater Mills 420,000 crowns after a cracked valve let 3,800 litres of dye "
        "into the Ettle. Oona Fairlie, the mill's director, said the works would pay for restocking fish."),
        "2026-04-13T10:00:00Z"),
]


def _mill_continuation(*arts: ArticleView) -> tuple[Continued | None, bool]:
    """What ``continuation`` finds for ``arts`` against the mill's dye spill, and whether it continues that event
    (no headline anchor: the headlines are left out of it, so only figures and likeness tell)."""
    from guancha.select import continues_event

    story = EarlierStory("2026-04-13", MILL_TOLD[0].title, [a.id for a in MILL_TOLD])
    told = [_Told(story, embed([a.doc for a in MILL_TOLD]), [article_terms(a) for a in MILL_TOLD], MILL_TOLD)]
    term_sets = [article_terms(a) for a in arts]
    found = continuation(np.asarray(embed([a.doc for a in arts])), term_sets, told, arts)
    return found, found is not None and continues_event(term_sets, told[0].term_sets, named=0.0,
                                                        similarity=found.similarity)


def test_the_same_mill_doing_something_else_is_not_a_follow_up_of_its_spill() -> None:
    """The mill fined for a dye spill opens a weaving school: the same mill, director, town and water board, alike
    enough to read as the spill's continuation with news, and it was marked "Update:". Nothing of the spill comes
    back (no exact figure of it, no headline naming it): another event of the same actors, a new story."""
    school = (_view(13, "Brackwater Mills opens a weaving school in Ettle", (
        "Brackwater Mills opened a weaving school at its Ettle works on Thursday with places for 36 apprentices, "
        "director Oona Fairlie said. The Ennis water board's chair cut the ribbon; the school's first course starts "
        "in May.")),
              _view(14, "Mill in Ettle trains weavers again", (
                  "Oona Fairlie of Brackwater Mills welcomed 36 apprentices to a new weaving school at the Ettle works "
                  "on Thursday, with the first course starting in May.")))
    found, continues = _mill_continuation(*school)
    assert found is not None and found.news    # alike, with news: what made it a follow-up
    assert not continues


def test_a_follow_up_recalling_an_exact_figure_of_the_event_continues_it() -> None:
    """Counter-case: the fishing ban lifted recalls the 3,800 litres that leaked; it continues the spill."""
    ban_lifted = (_view(15, "Anglers back on the Ettle as board lifts its fishing ban", (
        "Anglers returned to the Ettle on Thursday after the Ennis water board lifted the fishing ban it imposed when "
        "3,800 litres of dye leaked from Brackwater Mills. Tests at 12 points found no trace, and 9,000 young trout "
        "were released.")),
                  _view(16, "Fishing ban on the Ettle lifted", (
                      "The Ennis water board lifted its fishing ban on the Ettle after 12 test points came back clean; "
                      "9,000 trout were released to replace the fish lost to Brackwater Mills' dye.")))
    found, continues = _mill_continuation(*ban_lifted)
    assert found is not None and found.news and continues


def test_a_headline_naming_the_event_or_a_close_likeness_continues_it_without_a_figure() -> None:
    """A headline that names the earlier story's subject again, or a cluster alike enough to be the same story in
    other words, continues it with no figure in common; a bare small number shared ("12") is no such figure."""
    from guancha.select import FOLLOW_UP_WITHOUT_EVENT, MERGE_THRESHOLD, continues_event

    told = [{"420000", "3800", "brackwater mills", "oona fairlie", "12"}]
    cluster = [{"brackwater mills", "oona fairlie", "36", "12"}]
    assert not continues_event(cluster, told, named=0.0, similarity=MERGE_THRESHOLD + 0.02)
    assert continues_event(cluster, told, named=1.0, similarity=MERGE_THRESHOLD + 0.02)
    assert continues_event(cluster, told, named=0.0, similarity=FOLLOW_UP_WITHOUT_EVENT)
    assert continues_event([{"brackwater mills", "3800"}], told, named=0.0, similarity=MERGE_THRESHOLD)


# A bakery's drivers' strike, then the day it ends, told in the words of its end: no figure of the strike comes
# back, no headline names the strike again, and the pages are 0.2 alike to the strike's.
STRIKE_TOLD = [
    _view(21, "Loafwell delivery drivers strike over night-shift pay", (
        "Delivery drivers at Loafwell Bakeries walked out on Monday over night-shift pay, leaving supermarket "
        "shelves across Dunmere without fresh bread. The Transport Workers' Guild said 140 drivers had joined the "
        "stoppage after talks on a 9 percent rise broke down."), "2026-05-04T08:00:00Z"),
    _view(22, "Bread runs short as Loafwell drivers down tools", (
        "Loafwell Bakeries' drivers began an open-ended strike on Monday, the Transport Workers' Guild said. The "
        "company offered 4 percent; the guild wants 9. Shops in Dunmere expect empty shelves by Tuesday."),
        "2026-05-04T09:00:00Z"),
]
SETTLED = [
    _view(23, "Vans roll out of the ovens' yard again after conciliator's night", (
        "The first vans left Loafwell's Dunmere bakery at four this morning. A state conciliator kept both sides "
        "talking until past midnight, and the drivers' guild put the terms to its members at dawn: six and a half "
        "in two steps, and a night allowance from July."), "2026-05-07T07:00:00Z"),
    _view(24, "Loafwell drivers accept pay offer; bread back in shops by noon", (
        "Loafwell drivers voted to accept the improved offer on Thursday morning and were on their rounds within "
        "hours. Store managers said fresh loaves would be on the shelves by lunchtime."), "2026-05-07T08:00:00Z"),
]
SAME_EMPLOYER = [
    _view(25, "Loafwell to shut its Harrowgate depot", (
        "Loafwell Bakeries will close its Harrowgate depot in September and move its vans to Dunmere, the company "
        "said, putting 35 warehouse jobs at risk."), "2026-05-07T09:00:00Z"),
]
ROUNDUP_CLUSTER = [
    _view(26, "Five things to know this Thursday", (
        "Loafwell drivers accepted the offer overnight. The Dunmere flour mill raised its prices again. The ring "
        "road stays shut at Carn. A new ferry timetable starts Monday. Rain all day."), "2026-05-07T06:00:00Z"),
    _view(27, "Dunmere flour mill lifts prices for the third time this year", (
        "The Dunmere mill raised the price of bread flour by 6 percent from Monday, blaming the wet harvest."),
        "2026-05-07T06:30:00Z"),
]
OTHER_DISPUTE = [
    _view(28, "Castlebay crane drivers end their strike", (
        "Crane drivers at Castlebay container port ended their strike after a conciliator's pay deal, and the first "
        "ships were worked on Thursday afternoon."), "2026-05-07T10:00:00Z"),
]
ELSEWHERE = [   # the rest of the day, so that the bakery is not the day's setting
    _view(29, "Carn ring road to stay shut until June", (
        "The ring road at Carn will stay closed until June while engineers rebuild the culvert that collapsed in "
        "March, the highways office said."), "2026-05-07T11:00:00Z"),
    _view(30, "Ferry timetable adds a late crossing to Inchcolm", (
        "A late crossing to Inchcolm joins the summer timetable from Monday, the island ferry company said."),
        "2026-05-07T11:30:00Z"),
    _view(31, "School meals supplier wins a five-year contract", (
        "Greenplate Catering will serve meals in 42 schools from September under a five-year contract."),
        "2026-05-07T12:00:00Z"),
]


def test_the_end_of_a_strike_told_in_other_words_follows_it_up_and_the_employer_s_other_news_does_not() -> None:
    """The strike's settlement shares no figure with it and no headline names the strike: ``continuation`` finds it
    alike to nothing, and it was reported as a new story. The employer's depot closure, a roundup that lists the
    settlement beside the flour mill's prices, and another employer's settlement are no follow-ups of the strike."""
    from guancha.select import next_stage_follow_ups

    story = EarlierStory("2026-05-04", STRIKE_TOLD[0].title, [a.id for a in STRIKE_TOLD])
    told = [_Told(story, embed([a.doc for a in STRIKE_TOLD]), [article_terms(a) for a in STRIKE_TOLD], STRIKE_TOLD)]
    news = [*SETTLED, *SAME_EMPLOYER, *ROUNDUP_CLUSTER, *OTHER_DISPUTE, *ELSEWHERE]
    clusters = [[0, 1], [2], [3, 4], [5], [6], [7], [8]]
    vectors = np.asarray(embed([a.doc for a in news]))
    term_sets = [article_terms(a) for a in news]
    assert continuation(vectors[[0, 1]], term_sets[:2], told, SETTLED) is None     # what was missed
    found = next_stage_follow_ups(clusters, news, vectors, term_sets, told, [True] * len(clusters))
    assert list(found) == [0]
    assert found[0].story is story and found[0].news


def _told_story(arts: list[ArticleView]) -> _Told:
    """An earlier report's story told by ``arts``, as clustering sees it."""
    return _Told(EarlierStory(arts[0].published_at[:10], arts[0].title, [a.id for a in arts]),
                 embed([a.doc for a in arts]), [article_terms(a) for a in arts], arts)


# The next stage of other events, told in its own words (next_stage_follow_ups): a bathing ban and its lifting, an
# arrest and the indictment, a fine and the appeal against it. Each day also has a look-alike that uses the same
# verb of another place or person, and another event of the same company.
BAN_TOLD = [
    _view(41, "Elmsby quarry pond closed to swimmers after blue-green algae bloom", (
        "The district health office closed the quarry pond at Elmsby to swimmers on Saturday after tests found "
        "blue-green algae at three times the safe level. Dogs should be kept out of the water too."),
        "2026-07-04T09:00:00Z"),
]
ARREST_TOLD = [
    _view(42, "Police detain Ostby harbour master over fuel-dock kickbacks", (
        "Police detained Ostby's harbour master Tomas Rell on Friday on suspicion of taking kickbacks from a "
        "fuel-dock operator, and searched the harbour office."), "2026-07-03T10:00:00Z"),
]
FINE_TOLD = [
    _view(43, "Corran Leathers fined over chromium in the river Vell", (
        "The river authority fined Corran Leathers 1.4 million crowns on Thursday after its tannery let waste "
        "water with chromium into the Vell for six weeks."), "2026-07-02T11:00:00Z"),
]
NEXT_STAGES = [
    _view(44, "Swimmers allowed back into Elmsby's quarry pond from Saturday", (
        "Bathing is permitted again at the Elmsby pond, the health office said; the latest samples were clean."),
        "2026-07-07T08:00:00Z"),
    _view(45, "Former harbour master indicted", (
        "Prosecutors indicted Tomas Rell, Ostby's former harbour master, on Monday for taking bribes from the "
        "fuel-dock operator he licensed."), "2026-07-07T09:00:00Z"),
    _view(46, "Tannery appeals river penalty", (
        "Corran Leathers has appealed against the river authority's penalty, saying its own samples showed far "
        "less chromium than the authority's."), "2026-07-07T10:00:00Z"),
]
LOOK_ALIKES = [
    _view(47, "Harlow lido reopens after its winter refit", (
        "The open-air lido at Harlow reopened on Monday with new changing rooms and a heated children's pool."),
        "2026-07-07T11:00:00Z"),
    _view(48, "Lorry driver charged after crash on the coast road", (
        "A lorry driver from Marden was charged with careless driving after a crash near Pellow on Sunday."),
        "2026-07-07T12:00:00Z"),
    _view(49, "Corran Leathers opens a finishing hall in Dunby", (
        "Corran Leathers opened a new finishing hall in Dunby on Monday, with forty jobs."),
        "2026-07-07T13:00:00Z"),
]


def test_a_ban_lifted_an_indictment_and_an_appeal_follow_up_the_events_they_continue() -> None:
    """Each later event shares no exact figure with the earlier one and, in two of the three, no headline word:
    ``continuation`` alone did not find them. The lido's reopening, another person charged and the tannery's other
    news are no follow-ups: they share nothing but the verb, or only the company."""
    from guancha.select import next_stage_follow_ups

    told = [_told_story(arts) for arts in (BAN_TOLD, ARREST_TOLD, FINE_TOLD)]
    news = [*NEXT_STAGES, *LOOK_ALIKES]
    clusters = [[i] for i in range(len(news))]
    vectors = np.asarray(embed([a.doc for a in news]))
    term_sets = [article_terms(a) for a in news]
    found = next_stage_follow_ups(clusters, news, vectors, term_sets, told, [True] * len(clusters))
    assert {k: found[k].story.headline for k in found} == {0: BAN_TOLD[0].title, 1: ARREST_TOLD[0].title,
                                                          2: FINE_TOLD[0].title}
    assert all(c.news for c in found.values())


def test_a_next_stage_the_earlier_story_already_told_follows_up_nothing() -> None:
    """An earlier story that told the arrest and the charges at once: a page telling the charges again is not its
    next stage (it may be a repeat; ``continuation`` decides that)."""
    from guancha.select import next_stage_share

    both = [_view(50, "Ostby harbour master arrested and charged", (
        "Police arrested Ostby's harbour master Tomas Rell on Friday, and he was charged with taking bribes on "
        "Saturday."), "2026-07-04T10:00:00Z")]
    told = _told_story(both)
    assert next_stage_share([NEXT_STAGES[1]], told, set(), [article_terms(NEXT_STAGES[1])]) == 0.0
    assert next_stage_share([NEXT_STAGES[1]], _Told(told.story, told.vecs, told.term_sets, ARREST_TOLD), set(),
                            [article_terms(NEXT_STAGES[1])]) == 1.0


def test_a_headline_that_calls_itself_another_names_a_new_event_not_the_earlier_one() -> None:
    """"Another Brightwell recall" names the company of the earlier recall, but says it is a new one; "Brightwell
    recall widened to a second plant" is the same recall, and "Another night of flooding in Elmsby" the same flood."""
    from guancha.select import names_again

    anchors = {"brightwell": 1.0, "elmsby": 0.5}

    def named(headline: str) -> float:
        return names_again([_view(60, headline, "Text.")], anchors)

    assert named("Another Brightwell recall: what went wrong this time?") == 0.0
    assert named("A second Brightwell recall in a month") == 0.0
    assert named("Brightwell recall widened to a second plant") == 1.0
    assert named("Another night of flooding in Elmsby") == 0.5


def test_a_recall_is_followed_up_by_the_fine_for_it_not_by_a_new_rule_that_names_fines() -> None:
    """The regulator's fine for the recalled kettles is the recall's next stage; the same regulator's new labelling
    rule, whose "fines for breaches reach 40,000", imposes none."""
    from guancha.select import next_stage_follow_ups

    recall = [_view(61, "Hallam Appliances recalls 12,000 kettles over loose handles", (
        "Hallam Appliances recalled 12,000 kettles on Tuesday after the Consumer Goods Office found handles that "
        "could come loose."), "2026-07-01T09:00:00Z")]
    day = [
        _view(62, "Consumer Goods Office fines Hallam Appliances over kettle handles", (
            "The Consumer Goods Office fined Hallam Appliances 300,000 crowns for selling kettles whose handles "
            "could come loose."), "2026-07-06T09:00:00Z"),
        _view(63, "Appliance labels must show repair scores from January", (
            "Kettles, toasters and irons sold by Hallam Appliances and every other maker must carry a repair score "
            "from January, the Consumer Goods Office said. Fines for breaches reach 40,000 crowns."),
            "2026-07-06T10:00:00Z"),
    ]
    told = [_told_story(recall)]
    vectors = np.asarray(embed([a.doc for a in day]))
    found = next_stage_follow_ups([[0], [1]], day, vectors, [article_terms(a) for a in day], told, [True, True])
    assert list(found) == [0]
    assert next_stage_follow_ups([[0], [1]], day, vectors, [article_terms(a) for a in day], told, [False, True]) == {}


def test_water_back_on_follows_up_the_spill_that_cut_it_not_another_story_whose_lead_names_a_closure() -> None:
    """"Taps on again" ends the do-not-drink notice of a dye spill; the same day's plant opening also has a closure
    in its lead (the old mill it replaces, shut years ago). The reopening follows up the spill, the story it is most
    alike to, and no other."""
    from guancha.select import next_stage_follow_ups

    spill = [_view(70, "Marrow River turns red after dye tank leak", (
        "About 2,000 litres of red dye escaped from a tank at Pell Colour Works overnight, and Fendale council shut "
        "the town's river water intake and told households not to drink tap water."), "2026-08-10T08:00:00Z")]
    opening = [_view(71, "Carrick Worsted opens spinning plant in Fendale", (
        "Carrick Worsted opened its new spinning plant in Fendale on Monday, on the site of the old Ferry Mill shut "
        "in 2019; it will employ 240 people."), "2026-08-10T09:00:00Z")]
    back_on = [_view(72, "Fendale taps on again after dye spill tests come back clear", (
        "Tap water in Fendale is safe to drink again, the council said, after tests of the river downstream of Pell "
        "Colour Works came back clear."), "2026-08-12T08:00:00Z")]
    told = [_told_story(arts) for arts in (opening, spill)]
    vectors = np.asarray(embed([a.doc for a in back_on]))
    found = next_stage_follow_ups([[0]], back_on, vectors, [article_terms(back_on[0])], told, [True])
    assert [c.story.headline for c in found.values()] == [spill[0].title]


def test_a_confirmed_closure_follows_up_its_proposal_and_another_firm_s_confirmation_does_not() -> None:
    """A proposal to close a line, then the firm's confirmation with none of the proposal's figures; another firm
    confirming a closure the same day shares nothing with it."""
    from guancha.select import next_stage_follow_ups

    proposal = [_view(80, "Merrow Textiles proposes to close its Denholm dyeing line", (
        "Merrow Textiles began a consultation on Monday on a proposal to close the dyeing line at its Denholm mill, "
        "affecting 95 of its 610 staff."), "2026-09-07T09:00:00Z")]
    day = [
        _view(81, "Merrow Textiles confirms the Denholm closure", (
            "Merrow Textiles confirmed that it will close the Denholm dyeing line at the end of October, after a "
            "shortened consultation with the union."), "2026-09-09T09:00:00Z"),
        _view(82, "Harbour bakery confirms closure of its Quay Street shop", (
            "The Harbour Bakery confirmed the closure of its Quay Street shop after forty years."),
            "2026-09-09T10:00:00Z"),
    ]
    vectors = np.asarray(embed([a.doc for a in day]))
    found = next_stage_follow_ups([[0], [1]], day, vectors, [article_terms(a) for a in day], [_told_story(proposal)],
                                  [True, True])
    assert list(found) == [0]
    assert next_stage_follow_ups([[0], [1]], day, vectors, [article_terms(a) for a in day],
                                 [_told_story(proposal)], [False, True]) == {}
