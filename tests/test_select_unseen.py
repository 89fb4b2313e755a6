"""Story separation on material written to break it (issue 10), in its own words; facts are fictional. One event
told by a news report, by a market note that names the company only by its ticker and the project's codename, and
by a local page that names nobody; counter-cases that try to break the rules: two companies claiming one ticker and
the same number of a different thing.
"""

from __future__ import annotations

from guancha.select import (
    ArticleView,
    cluster,
    counted_figures,
    day_aliases,
    day_term_sets,
    initial_groups,
)
from guancha.textutil import embed, idf_weights


def _art(aid: str, outlet: str, title: str, text: str, when: str, kind: str = "article") -> ArticleView:
    return ArticleView(id=aid, url=f"https://{outlet}.example/{aid}", title=title, outlet=outlet, published_at=when,
                       text=text, kind=kind)


def _partition(day: list[ArticleView]) -> list[list[str]]:
    terms = day_term_sets(day)
    got = cluster(day, embed([a.doc for a in day]), terms, idf_weights(terms))
    return sorted(sorted(day[i].id for i in c) for c in got)


# An engine maker opens a test centre (Tuesday) and wins an order (Thursday); a regulator fines an airport; a pilots'
# ballot. The opening is told three ways: by name with the ticker and codename introduced, by ticker and codename
# only (a market note, in a different register), and by a local page that names nobody but gives the same count.
AERO_WEEK = [
    _art("opening-news", "aerowire", "Corvane opens its engine test centre at Millbrook",
         "Corvane Aero Systems (ticker: CVX) on Tuesday opened its new engine test centre at Millbrook, a site the "
         "company had developed under the codename Kingfisher since 2024. The centre can run 340 engine tests a year "
         "and cost 95 million pounds. Managing director Petra Ollis said the site would employ 260 engineers.",
         "2026-09-08T10:00:00Z"),
    _art("opening-market", "tradefloor", "CVX adds 4% as Kingfisher goes live",
         "CVX shares added 4 percent by midday after Kingfisher completed its first week of test runs. Brokers said "
         "the smooth start lifted a cloud that had hung over the stock since the summer. Turnover was twice the "
         "usual level.", "2026-09-09T08:00:00Z"),
    _art("opening-local", "millbrook-echo", "New sheds bring work to the ring road",
         "The long grey sheds beside the ring road opened their doors on Tuesday, and the people inside expect to "
         "run 340 engine tests there every year. Neighbours have asked for a curfew on night-time runs.",
         "2026-09-08T18:00:00Z"),
    _art("order-news", "aerowire", "Corvane wins 60-engine order from Norsky Airways",
         "Corvane Aero Systems said on Thursday it had won an order for 60 engines from Norsky Airways worth 1.2 "
         "billion pounds. Deliveries start in 2028 and run for six years.", "2026-09-10T09:00:00Z"),
    _art("order-market", "tradefloor", "CVX jumps 9% on Norsky order",
         "CVX shares jumped 9 percent after the Norsky Airways contract was announced. Analysts raised their price "
         "targets for the engine maker.", "2026-09-10T12:00:00Z"),
    _art("fine-news", "aerowire", "Civil Aviation Board fines Harwick airport over runway lights",
         "The Civil Aviation Board fined Harwick airport 2 million pounds on Wednesday after runway lights failed "
         "twice during night landings in June.", "2026-09-09T11:00:00Z"),
    _art("fine-local", "millbrook-echo", "Harwick airport fined for dark runway",
         "Harwick airport must pay a 2 million pound fine, the Civil Aviation Board ruled, after its runway lights "
         "went out twice in June.", "2026-09-09T16:00:00Z"),
    _art("strike", "tradefloor", "Skyline Regional pilots vote on strike",
         "Pilots at Skyline Regional began voting on Monday on a strike over rosters; the result is due next week.",
         "2026-09-07T09:00:00Z"),
]


def test_one_opening_told_by_name_by_ticker_and_codename_and_by_nobody_is_one_story() -> None:
    """The market note shares little vocabulary with the report (its embedding cosine is low) but every name it
    gives; the local page shares no name with anyone, only the report's exact count of engine tests. The same
    company's order two days later, with its own market note, is another story."""
    assert _partition(AERO_WEEK) == [
        ["fine-local", "fine-news"],
        ["opening-local", "opening-market", "opening-news"],
        ["order-market", "order-news"],
        ["strike"],
    ]


def test_a_ticker_or_codename_introduced_any_usual_way_names_the_company() -> None:
    day = [
        _art("a", "w", "Corvane opens a centre", AERO_WEEK[0].text, "2026-09-08T10:00:00Z"),
        _art("b", "w", "Tallis results", "Tallis Freight (NYSE: TLF) raised its forecast on Monday.",
             "2026-09-08T10:00:00Z"),
        _art("c", "w", "Brekka listing", "Brekka Ferries, listed as BRKF in Oslo, carried more cars in August.",
             "2026-09-08T10:00:00Z"),
    ]
    aliases = day_aliases(day)
    assert aliases["cvx"] == aliases["kingfisher"] == "corvane aero systems"  # the sentence's subject, not 'Millbrook'
    assert aliases["tlf"] == "tallis freight" and "nyse" not in aliases     # the exchange is not the short form
    assert aliases["brkf"] == "brekka ferries"


def test_a_share_price_move_is_no_figure_of_the_event_but_a_price_rise_is() -> None:
    day = [AERO_WEEK[4],
           _art("bills", "w", "NWB lets bills rise 7.5 percent", "The board let bills rise 7.5 percent from April.",
                "2026-09-08T10:00:00Z")]
    terms = day_term_sets(day)
    groups = initial_groups(day, embed([a.doc for a in day]), terms)
    assert groups[0].lead_figures == set()                 # "CVX jumps 9%", "shares jumped 9 percent"
    assert groups[1].lead_figures == {"7.5percent"}


# Counter-cases: two companies that both write "CAS"; an unnamed page with the same number of something else.
SHARED_TICKER_DAY = [
    _art("centre-news", "aerowire", "Corvane opens its engine test centre at Millbrook",
         "Corvane Aero Systems (CAS) on Tuesday opened its new engine test centre at Millbrook. The centre can run "
         "340 engine tests a year and cost 95 million pounds.", "2026-09-08T10:00:00Z"),
    _art("routes-news", "skyledger", "Caldera Air Services drops four winter routes",
         "Caldera Air Services (CAS) said on Tuesday it would drop four winter routes from Harwick and ground two "
         "of its older jets until March.", "2026-09-08T11:00:00Z"),
    _art("routes-market", "tradefloor", "CAS slips 3% after route cuts",
         "CAS shares slipped 3 percent after the carrier said it would stop flying four routes this winter. "
         "Brokers said fuller planes on the remaining routes could help margins.", "2026-09-08T15:00:00Z"),
    _art("car-park", "millbrook-echo", "New car park opens by the station",
         "The multi-storey car park beside the station opened on Tuesday with 340 spaces, and the first hour is "
         "free until the end of the month.", "2026-09-08T17:00:00Z"),
]


def test_a_short_form_two_companies_claim_names_neither_and_the_same_number_of_another_thing_joins_nothing() -> None:
    day = SHARED_TICKER_DAY
    assert "cas" not in day_aliases(day)                   # "CAS" is Corvane's and Caldera's: neither for sure
    terms = day_term_sets(day)
    groups = initial_groups(day, embed([a.doc for a in day]), terms)
    assert sorted(len(g.members) for g in groups) == [1, 1, 1, 1]   # the car park is not joined to the test centre
    assert counted_figures(day[0].text) & {"340 engine"} and "340 space" in counted_figures(day[3].text)
    got = _partition(day)
    assert ["routes-market", "routes-news"] in got          # the note about route cuts is Caldera's story
    assert not any({"centre-news", "routes-market"} <= set(c) for c in got)
