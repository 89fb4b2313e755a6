"""Story separation and paper relevance on material written to break them (issue 10), in its own words; facts are
fictional. One event told by a news report, by a market note that names the company only by its ticker and the
project's codename, and by a local page that names nobody; papers that share only keywords with the topic.
Each has a counter-case that tries to break the rule: two companies claiming one ticker, the same number of a
different thing, and an off-topic paper that shares two keywords.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from guancha.select import (
    COSINE_WEIGHT,
    EVENT_WEIGHT,
    KIND_NEUTRAL,
    PAPER_FLOOR,
    ArticleView,
    TopicVocabulary,
    _Group,
    choose_papers,
    cluster,
    counted_figures,
    day_aliases,
    day_term_sets,
    event_agreement,
    initial_groups,
    pair_similarity,
    paper_on_topic,
    shares_name,
    topic_text,
)
from guancha.spec import WatcherSpec
from guancha.textutil import embed, idf_weights, unit


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


def test_shared_names_may_outweigh_the_wording_only_for_one_named_actor_one_kind_and_agreeing_days() -> None:
    vec = np.zeros(2)
    report = _Group([0], vec, actors={"corvane", "kingfisher", "~open"}, kinds={"opening": 3.0, "facility": 1.0})
    note = _Group([1], vec, actors={"cvx", "corvane", "kingfisher", "~live"}, kinds={"opening": 2.0})
    car_park = _Group([2], vec, actors={"~open", "~park"}, kinds={"opening": 3.0})
    assert shares_name(report, note) and not shares_name(report, car_park)   # a headline verb is no name
    agreement = event_agreement(report, note)
    assert agreement is not None and agreement > 0.9
    plain = COSINE_WEIGHT * 0.15 + (1 - COSINE_WEIGHT) * 0.55 + EVENT_WEIGHT * (agreement - KIND_NEUTRAL)
    assert pair_similarity(0.15, 0.55, agreement, 0.0, named=True) > plain + 0.1
    assert pair_similarity(0.15, 0.55, agreement, 0.0, named=False) == pytest.approx(plain)
    assert pair_similarity(0.15, 0.55, agreement, 0.15, named=True) == pytest.approx(plain - 0.15)  # days apart
    assert pair_similarity(0.15, 0.55, 0.2, 0.0, named=True) < plain                  # another kind of event


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


# A beekeeping watcher whose keywords include words robotics uses too ("swarm", "hive").
HIVE_SPEC = WatcherSpec.model_validate({
    "id": "hive-watch", "title": "Beekeeping",
    "description": "Honey bees and their keepers - colony losses, varroa mites, honey prices and imports, pesticide "
                   "rules and wild pollinators.",
    "sources": [{"feed": "https://bees.example/rss.xml"}],
    "keywords": ["honey bee", "varroa", "swarm", "hive", "pollinator", "neonicotinoid"],
})
HIVE_NEWS = [
    _art("losses", "apiary", "Winter losses hit a third of colonies in the lowlands",
         "Beekeepers in the lowlands lost a third of their colonies over the winter, the Apiarists' Union said on "
         "Monday, blaming varroa and a wet autumn.", "2026-05-05T10:00:00Z"),
    _art("prices", "apiary", "Honey prices climb as imports slow",
         "Wholesale honey prices rose 14 percent in a month as imports from the south slowed, traders said.",
         "2026-05-05T10:00:00Z"),
    _art("ban", "farmdesk", "Ministry bans two neonicotinoid seed coatings",
         "The farm ministry banned two neonicotinoid seed coatings on Tuesday, citing harm to bees and other "
         "pollinators.", "2026-05-05T10:00:00Z"),
    _art("register", "citynews", "Urban beekeepers asked to register hives",
         "City beekeepers must register their hives by June so inspectors can trace disease outbreaks.",
         "2026-05-05T10:00:00Z"),
]
HIVE_PAPERS = [
    _art("mites", "arxiv", "Mite Loads in Late Summer Predict Winter Losses of Managed Honey Bee Colonies",
         "We counted varroa mites on 640 managed colonies in three regions each August and followed them through "
         "winter. Colonies above three mites per hundred bees were four times more likely to die, regardless of the "
         "treatment used.", "2026-05-05T10:00:00Z", "paper"),
    _art("drones", "arxiv", "Decentralised Formation Control for Drone Swarms in Warehouses Without Satellite "
         "Positioning",
         "We present a controller that keeps a swarm of small indoor drones in formation using only relative distance "
         "measurements between neighbours. In tests with 48 drones in a warehouse the swarm held its shape within 20 "
         "centimetres while avoiding shelving.", "2026-05-05T10:00:00Z", "paper"),
    _art("robots", "arxiv", "Swarm Queens and Hive Minds: Consensus in Robot Swarms with a Leader",
         "We study consensus in a robot swarm where one leader robot, the queen, broadcasts goals to a hive of "
         "followers. Leaders speed up agreement but make the swarm fragile when the queen fails.",
         "2026-05-05T10:00:00Z", "paper"),
]


def test_papers_that_share_only_keywords_with_the_topic_are_off_topic_however_many() -> None:
    """The drone paper shares one keyword ("swarm"), the robot paper two ("swarm", "hive"), neither a word of the
    subject (colonies, mites, honey, pesticides). Their embeddings alone clear the paper floor: the keywords pull
    them towards the topic, which is why a keyword is no evidence on its own."""
    topic_vec = embed([topic_text(HIVE_SPEC)])[0]
    centroid = unit(embed([a.doc for a in HIVE_NEWS]).mean(axis=0))
    vectors = embed([f"{p.title}. {p.title}. {p.text}" for p in HIVE_PAPERS])
    assert all(float(v @ topic_vec) >= PAPER_FLOOR for v in vectors)   # the old rule took all three
    vocabulary = TopicVocabulary.build(HIVE_SPEC, [], [f"{a.headline} {a.text}" for a in HIVE_NEWS])
    assert vocabulary.terms_in(f"{HIVE_PAPERS[2].title}. {HIVE_PAPERS[2].text}") == {"swarm", "hive"}
    picks, excluded = choose_papers(HIVE_SPEC, HIVE_PAPERS, topic_vec, [centroid], vocabulary)
    assert [p.article_id for p in picks] == ["mites"]
    assert sorted(a for e in excluded for a in e.article_ids) == ["drones", "robots"]
    assert all(e.reason == "off-topic paper" for e in excluded)


def test_the_days_ambient_words_are_no_topic_evidence_but_keywords_always_are() -> None:
    """"honey" is in most of the day's articles (four of seven): a paper's "honey" says nothing. A keyword ("varroa",
    in one article, or "hive" in two) counts however often the day uses it."""
    day = [*HIVE_NEWS,
           _art("fair", "apiary", "Honey fair returns", "The honey fair returns in May with bees on show.",
                "2026-05-05T10:00:00Z"),
           _art("label", "farmdesk", "Honey labels to name every country", "Blended honey must name its sources.",
                "2026-05-05T10:00:00Z"),
           _art("cake", "citynews", "Bakers buy local honey", "Bakeries say local honey costs more but sells.",
                "2026-05-05T10:00:00Z")]
    vocabulary = TopicVocabulary.build(HIVE_SPEC, [], [f"{a.headline} {a.text}" for a in day])
    assert "honey" not in vocabulary.words and {"varroa", "hive"} <= vocabulary.phrases
    assert vocabulary.terms_in("Varroa mites and honey yields") == {"varroa", "mite"}
    assert vocabulary.terms_in("Honey bees in a hive") == {"honey bee", "hive"}   # a keyword's words count once


def test_the_words_a_description_joins_its_subjects_with_are_no_terms_of_the_topic() -> None:
    """A tea watcher's description names "companies such as ..." and "what it all means for growers": a statistics
    paper on "a lady tasting tea" that reads "such tests" and "the mean" used two terms of the topic, one of them a
    word of the subject, and so passed as on topic with a keyword the other sense of which it uses."""
    spec = WatcherSpec.model_validate({
        "id": "tea-watch", "title": "Upland tea",
        "description": "Tea estates of the uplands - pluckers and their pay, withering and rolling, growers' "
                       "co-operatives, companies such as Ridgeleaf Teas, and what it all means for growers, "
                       "including smallholders, among others.",
        "sources": [{"feed": "https://leaf.example/rss.xml"}],
        "keywords": ["tea", "plucker", "tea estate"],
    })
    vocabulary = TopicVocabulary.build(spec)
    paper = ("Tasting Tea by Permutation: Exact Tests for Many Cups. Such tests compare the mean of a taster's "
             "guesses with chance, including and among designs with unequal cups.")
    assert vocabulary.terms_in(paper) == {"tea"}
    assert vocabulary.terms_in("Pluckers at the estate ask growers for more per kilo of tea") == {
        "tea", "plucker", "estate", "grower"}
    topic_vec = embed([topic_text(spec)])[0]
    v = embed([paper])[0]
    assert not paper_on_topic(float(v @ topic_vec), float(v @ topic_vec), vocabulary.terms_in(paper), vocabulary, 1)


def test_an_article_far_from_the_topic_uses_its_keyword_in_another_sense_but_a_short_item_keeps_its_keyword() -> None:
    """A co-working space called the Hive and football fans who swarm a street name a beekeeping keyword each, in
    articles far from the topic: a keyword kept them on topic. A two-line item about a swarm collected from a church
    tower is as far from the topic (two sentences say too little for closeness to measure), and its keyword keeps it."""
    from guancha.select import RELEVANCE_FLOOR, _keyword_hits, on_topic

    day = [
        _art("cowork", "citynews", "The Hive co-working space adds a second floor",
             "The Hive, the co-working space above the old post office, is adding a second floor with forty desks and "
             "two meeting rooms after a year in which its membership doubled. Its founder, Anya Croft, said most of the "
             "new members were designers and accountants who had given up their offices in the city. The landlord has "
             "agreed a ten-year lease, and the floor will open in September with a café, phone booths and a room for "
             "parents with small children. Day passes will rise to twelve pounds.", "2026-05-05T10:00:00Z"),
        _art("fans", "citynews", "Fans swarm the high street for the cup parade",
             "Thousands of fans swarmed the high street on Sunday as the open-top bus carried the cup past the town "
             "hall. Police closed four roads for three hours and said the crowd had been good-natured. The captain "
             "lifted the trophy from the balcony of the town hall while a brass band played, and shops along the route "
             "stayed open late. The council said street cleaners had collected two tonnes of litter by midnight and "
             "thanked residents for their patience.", "2026-05-05T10:00:00Z"),
        _art("swarm", "apiary", "Volunteers collect a swarm from the church tower",
             "Volunteers from the allotment society coaxed a swarm out of the church tower on Sunday and rehoused it.",
             "2026-05-05T10:00:00Z"),
    ]
    topic_vec = embed([topic_text(HIVE_SPEC)])[0]
    verdicts = {}
    for a in day:
        relevance = float(embed([a.doc])[0] @ topic_vec)
        assert relevance < RELEVANCE_FLOOR and _keyword_hits(f"{a.title} {a.body}", HIVE_SPEC.keywords) == 1
        verdicts[a.id] = on_topic(relevance, 1, len(f"{a.title} {a.body}".split()))
    assert verdicts == {"cowork": False, "fans": False, "swarm": True}
    assert on_topic(RELEVANCE_FLOOR, 0, 500)     # close enough needs no keyword


# A tram watcher whose keywords a computing paper borrows as a metaphor ("depot", "timetable", "tram").
TRAM_SPEC = WatcherSpec.model_validate({
    "id": "tram-watch", "title": "Tram networks",
    "description": "Trams and light rail in the region's cities - new lines, depots, timetables, fares, drivers and "
                   "their pay, breakdowns and track works.",
    "sources": [{"feed": "https://trams.example/rss.xml"}],
    "keywords": ["tram", "tramway", "light rail", "timetable", "depot"],
    "report": {"papers": [0, 1]},
})
_TRAM_DAY = "2026-05-05T10:00:00Z"
TRAM_NEWS = [
    _art("works", "citydesk", "Track works close the river bridge to trams for a week",
         "Trams will not cross the river bridge for a week from Saturday while crews replace worn rails on the "
         "curve by the station, the city transport company said. Replacement buses will run every six minutes.",
         _TRAM_DAY),
    _art("pay", "citydesk", "Tram drivers accept a pay rise",
         "Tram drivers voted to accept a pay rise of 5 percent, ending a dispute that had cancelled evening services "
         "on two lines. The union said the new rota gives drivers longer breaks at the depot.", _TRAM_DAY),
    _art("line", "metroline", "Council approves the harbour light rail line",
         "The council approved the light rail line to the harbour, with 11 stops and a new depot. Passengers should "
         "ride the first trams in 2029; the rails will be laid along the old quay.", _TRAM_DAY),
    _art("fault", "metroline", "Points failure halts trams in the centre",
         "A points failure at the central junction stopped trams for three hours on Monday morning. Passengers "
         "walked between stops while engineers repaired the track.", _TRAM_DAY),
    _art("fares", "citydesk", "Single tram fares to rise by 20 cents",
         "A single tram ticket will cost 20 cents more from July, the transport company said, while the evening "
         "network will get extra services once new drivers finish training.", _TRAM_DAY),
    _art("delivery", "metroline", "First of twelve new trams arrives at the depot",
         "The first of twelve low-floor trams arrived at the depot on Tuesday. Drivers will train on it for a month "
         "before it carries passengers on the airport line.", _TRAM_DAY),
]
TRAM_PAPERS = [
    _art("rosters", "arxiv", "Rostering Drivers to Cut Evening Cancellations on a Mid-Sized Tram Network",
         "We model driver rosters as a set-covering problem with break rules and solve it for a network of four "
         "lines. Allowing split shifts removes 80 percent of evening cancellations at a 2 percent rise in paid "
         "hours.", _TRAM_DAY, "paper"),
    _art("kubernetes", "arxiv", "TRAM: Timetable-Driven Depot Scheduling for Batch Jobs on Shared Clusters",
         "TRAM treats a compute cluster as a tram depot: batch jobs depart on a fixed timetable, and pods wait at "
         "the depot for the next departure. On a 512-node Kubernetes cluster, timetabled dispatch cut tail latency "
         "by 35 percent against a first-come scheduler.", _TRAM_DAY, "paper"),
]


def test_a_paper_written_in_the_days_words_for_the_field_outranks_one_that_borrows_its_keywords() -> None:
    """The scheduling paper names three keywords, which pull its embedding nearer the topic than the rostering
    paper's: by closeness alone it took the one slot. Beyond the keywords it writes in its own field's words (pods,
    clusters, latency); the rostering paper uses the words the day's press writes trams with (drivers, evening,
    lines). The keywords themselves are no evidence of the field: the borrowing paper has them too.
    Known limit: an on-topic paper in a technical register the press never uses gets no help from this."""
    topic_vec = embed([topic_text(TRAM_SPEC)])[0]
    centroid = unit(embed([a.doc for a in TRAM_NEWS]).mean(axis=0))
    rosters, borrowed = embed([f"{p.title}. {p.title}. {p.text}" for p in TRAM_PAPERS])
    closeness = [0.7 * float(v @ topic_vec) + 0.3 * float(v @ centroid) for v in (rosters, borrowed)]
    assert closeness[1] > closeness[0]                  # the old ranking chose the borrowing paper
    vocabulary = TopicVocabulary.build(TRAM_SPEC, [], [f"{a.headline} {a.text}" for a in TRAM_NEWS])
    assert vocabulary.field_share(f"{TRAM_PAPERS[1].title}. {TRAM_PAPERS[1].text}") == 0.0   # tram, depot: keywords
    assert vocabulary.field_share(f"{TRAM_PAPERS[0].title}. {TRAM_PAPERS[0].text}") > 0.1
    picks, excluded = choose_papers(TRAM_SPEC, TRAM_PAPERS, topic_vec, [centroid], vocabulary)
    assert [p.article_id for p in picks] == ["rosters"] and not excluded


# The Nordic-aviation sample showed these (tests/samples/nordic-aviation-2027-03-24); the fixtures below use other
# words: a ferry line and a brewery.
def test_a_negated_or_compound_word_reports_no_kind_of_event() -> None:
    from guancha.select import event_kinds

    on_time = _art("a", "w", "Fjordline's new ferry sails its first scheduled crossing",
                   "The ferry finished its first day without a delay and with no safety incident, carrying "
                   "price-conscious day-trippers.", "2027-05-04T09:00:00Z")
    kinds = event_kinds(on_time)
    assert "opening" in kinds                      # "first scheduled crossing": a service begins
    assert {"delay", "safety", "prices"}.isdisjoint(kinds)   # without a delay, no safety incident, price-conscious
    late = _art("b", "w", "Fjordline's new ferry is delayed again", "The ferry's safety checks found a fault.",
                "2027-05-04T09:00:00Z")
    assert {"delay", "safety"} <= set(event_kinds(late))


def test_shares_in_a_named_company_moving_is_no_lead_figure() -> None:
    day = [_art("a", "w", "Ostrava Brewing opens its hillside brewhouse",
                "Shares in Ostrava Brewing rose 7 percent on Tuesday after the company opened its new brewhouse, "
                "which can fill 90,000 bottles a day.", "2027-05-04T09:00:00Z"),
           _art("b", "w", "Ostrava's brewhouse opens above the river",
                "Ostrava Brewing opened its hillside brewhouse on Tuesday, with space for 40 staff.",
                "2027-05-04T10:00:00Z")]
    groups = initial_groups(day, embed([a.doc for a in day]), day_term_sets(day))
    assert "7%" not in groups[0].lead_figures and "7percent" not in groups[0].lead_figures


def test_a_past_tense_dates_the_event_and_a_plan_does_not() -> None:
    import datetime as dt

    from guancha.select import event_day

    wednesday = "2027-05-05T12:00:00Z"
    done = _art("a", "w", "Fjordline's ferry crossing", "Fjordline on Monday carried its first passengers.", wednesday)
    assert event_day(done) == dt.date(2027, 5, 3)
    planned = _art("b", "w", "Fjordline's ferry crossing", "The crossing is scheduled to start on Friday, "
                   "when the first passengers are expected to have booked.", wednesday)
    assert event_day(planned) is None


def test_a_small_number_told_again_as_background_does_not_join_two_days_apart() -> None:
    """Two events of one company, two days apart: the later page re-tells the first ("the 12-berth ferry") but only a
    small number is shared, which is no reason to waive the gap; a distinctive figure would be."""
    from guancha.select import EVENT_GAP_PENALTY, event_gap_penalty

    day = [_art("a", "w", "Fjordline's 12-berth ferry starts crossings",
                "Fjordline on Monday started crossings with its 12-berth electric ferry.", "2027-05-03T12:00:00Z"),
           _art("b", "w", "Fjordline deckhands to strike",
                "Deckhands at Fjordline said on Wednesday they would strike; the line's 12-berth ferry began "
                "crossings this week.", "2027-05-05T12:00:00Z"),
           _art("c", "w", "Fjordline deckhands to strike over 4,250-krone bonus",
                "Deckhands at Fjordline said on Wednesday they would strike over a 4,250-krone bonus; the 12-berth "
                "ferry started on Monday with a 4,250-krone crew bonus promised.", "2027-05-05T12:00:00Z")]
    groups = initial_groups(day, embed([a.doc for a in day]), day_term_sets(day))
    assert groups[0].event_day is not None and groups[1].event_day is not None
    assert event_gap_penalty(groups[0], groups[1]) == EVENT_GAP_PENALTY   # "12" is told again, nothing more
    assert "4250" in groups[2].lead_figures
    groups[0].lead_figures.add("4250")   # had the first page led with the bonus too, the facts would agree
    assert event_gap_penalty(groups[0], groups[2]) == 0.0


# The Kestria sample showed these (tests/samples/kestria-chips-2027-05-13); the fixtures below use other words: a
# brewery town's paper and a news agency.
def test_a_feed_titled_with_its_section_still_strips_its_branding_from_titles() -> None:
    from guancha.outlets import strip_outlet_branding

    assert strip_outlet_branding("Brewery shuts bottling hall :: Harbour Gazette", "Harbour Gazette - Business") \
        == "Brewery shuts bottling hall"
    assert strip_outlet_branding("The Harbour Gazette | Ferry fares frozen", "Harbour Gazette") == "Ferry fares frozen"
    assert strip_outlet_branding("Business - Ferry fares frozen", "Harbour Gazette - Business") \
        == "Business - Ferry fares frozen"   # a plain section word alone is no outlet name


def test_abbreviated_weekdays_date_the_event_and_a_job_cut_is_labour_not_the_opening_it_follows() -> None:
    import datetime as dt

    from guancha.select import event_day, event_kinds

    cuts = _art("a", "w", "Ostrava Brewing to shed 85 at its old brewhouse",
                "A week after opening its hillside brewhouse, Ostrava Brewing said on Thurs. it would cut 85 jobs at "
                "the old town brewhouse.", "2027-05-14T09:00:00Z")
    assert event_day(cuts) == dt.date(2027, 5, 13)
    kinds = event_kinds(cuts)
    assert "labour" in kinds and "opening" not in kinds   # "after opening": the earlier event, told as background


def test_an_outlets_furniture_is_no_shared_name() -> None:
    """Every item of a news agency opens with its kicker and dateline: the agency speaking, not the news."""
    from guancha.select import outlet_furniture

    wire = [_art(f"w{i}", "Norra Wire", title,
                 f"NORRA WIRE. VELLBY, May 12 (NW) - {body}", "2027-05-12T09:00:00Z")
            for i, (title, body) in enumerate([
                ("Ferry fares frozen", "The island ferry company froze its fares for a year, its director said."),
                ("Brewery opens", "Ostrava Brewing opened its hillside brewhouse with 300 jobs on Tuesday."),
                ("Library to close", "The council voted to close the harbour library branch in August.")])]
    other = _art("g1", "Harbour Gazette", "Brewery opens on the hill",
                 "Ostrava Brewing's new brewhouse on the hill opened on Tuesday.", "2027-05-12T10:00:00Z")
    day = [*wire, other]
    furniture = outlet_furniture(day, day_term_sets(day))
    assert furniture and all("ostrava brewing" not in terms for terms in furniture.values())
    groups = initial_groups(day, embed([a.doc for a in day]), day_term_sets(day))
    from guancha.select import is_figure

    assert not {t for t in groups[0].terms & groups[2].terms if not is_figure(t)}   # fares and library share no name


def test_a_figure_told_again_in_the_body_does_not_make_a_later_event_the_same() -> None:
    """An opening leads with its 300 jobs; three days later a recall at the same brewhouse mentions "the 300-job
    brewhouse" deep in its body. Only a figure both leads give waives the gap and counts as the same facts."""
    from guancha.select import EVENT_GAP_PENALTY, event_agreement, event_gap_penalty

    day = [_art("a", "w", "Ostrava Brewing opens hillside brewhouse with 300 jobs",
                "Ostrava Brewing opened its hillside brewhouse on Monday, with 300 jobs.", "2027-05-10T12:00:00Z"),
           _art("b", "w", "Ostrava Brewing recalls 12,000 bottles",
                "Ostrava Brewing said on Thursday it was recalling 12,000 bottles of pale ale after a fault. The beer "
                "came from the old town brewhouse. Production is moving to the 300-job hillside site.",
                "2027-05-13T12:00:00Z")]
    groups = initial_groups(day, embed([a.doc for a in day]), day_term_sets(day))
    assert "300" in groups[0].terms & groups[1].terms
    assert event_gap_penalty(groups[0], groups[1]) == EVENT_GAP_PENALTY
    agreement = event_agreement(groups[0], groups[1])
    assert agreement is None or agreement < 0.3


def test_an_amount_is_one_figure_however_it_is_written() -> None:
    """"2.4bn" and "2.4 billion", "$6m", "6m crowns" and "six million crowns", "$14.5M" and "$14,500,000", "$380K" and
    "380,000", "14pc" and "14 per cent", "thirty-one thousand" and "31,000" are one figure each; "a 6m wall" is
    metres, not money, and "one of two" is no figure."""
    from guancha.textutil import salient_terms

    def same(*texts: str) -> set[str]:
        return set.intersection(*(salient_terms(t) for t in texts))

    assert "2400000000" in same("a 2.4bn deal", "a deal worth 2.4 billion")
    assert "6000000" in same("worth 6m crowns", "worth some six million crowns", "it raised $6m", "6 million dollars")
    assert "14500000" in same("a $14.5M contract", "worth $14.5 million", "for $14,500,000")
    assert "380000" in same("a $380K fine", "fined 380,000 dollars")
    assert "14percent" in same("a 14pc cut", "cut by 14 per cent", "14% less", "Proposes 14 Percent Cut")
    assert "31000" in same("thirty-one thousand fish", "31,000 fish")
    # a mine's tonnage in thousands or millions a year is its figure in tonnes
    assert "40000" in same("a 40ktpa carbonate plant", "40,000 tonnes a year of carbonate", "a 40 kt plant")
    assert "2500000" in same("ore at 2.5mtpa", "2.5 million tonnes a year of ore")
    # names in other scripts and with accents are names, one however they are accented
    assert {"cobre pacifico", "yanez"} <= same("Cobre Pacífico hired Marta Yáñez", "Cobre Pacifico and Yanez")
    assert "østfold energi" in salient_terms("Østfold Energi bought the plant.")
    # a decimal in words: "fourteen point six million" is 14.6 million, not six million
    assert "14600000" in same("it cost fourteen point six million pounds", "a £14.6m centre", "£14,600,000")
    assert "6000000" not in salient_terms("it cost fourteen point six million pounds")
    assert "2050000000" in same("two point zero five billion rupees", "2.05 billion rupees")
    assert "20" in salient_terms("a twenty point plan") and salient_terms("twenty point zero") <= {"20"}
    assert "6m" in salient_terms("behind a 6m wall") and "6000000" not in salient_terms("behind a 6m wall")
    assert not salient_terms("one of two boats, ten days")


def _with_standfirst(article: ArticleView, standfirst: str) -> ArticleView:
    return article.model_copy(update={"meta": {"standfirst": standfirst}})


# A harbour penalty told by name in one outlet and, in a trade paper, only as "the harbour authority" and "a coastal
# freight operator"; the trade paper gives the amount only in its standfirst, which its template prints outside the
# article body. Around it: the same operator's new route (same outlet, shares the operator's name) and a ferry strike.
HARBOUR_DAY = [
    _art("fine-named", "coastline", "Harbour chief fines Grennet Shipping over ballast dumping",
         "Harbour Commissioner Aldo Pirsk fined Grennet Shipping 3.4 million euros on Tuesday after inspectors "
         "caught two of its vessels pumping untreated ballast water into the inner basin at Tolk. Grennet said it "
         "would pay and had retrained its crews.", "2027-06-08T11:00:00Z"),
    _with_standfirst(
        _art("fine-described", "freight-review", "Ballast discharge draws record penalty",
             "The harbour authority has penalised a coastal freight operator, in the largest sanction of its kind so "
             "far. Inspectors found the discharge during a routine night patrol. Insurers said "
             "premiums for the sector may follow.", "2027-06-08T15:00:00Z"),
        "A penalty of 3.4 million euros for a coastal freight operator"),
    _art("route", "coastline", "Grennet Shipping adds a weekly Tolk to Varsa container service",
         "Grennet Shipping will start a weekly container service between Tolk and Varsa in July, using two "
         "chartered feeder ships of 900 containers each.", "2027-06-08T09:00:00Z"),
    _art("strike", "freight-review", "Ferry crews at Osk walk out over rosters",
         "Deck crews on the Osk ferries stopped work on Tuesday morning over new rosters; sailings were cancelled "
         "until the evening.", "2027-06-08T08:00:00Z"),
    _art("dredging", "coastline", "Varsa port awards dredging contract to Molen Marine",
         "The port of Varsa has hired Molen Marine to deepen its main channel to 14 metres, a two-year job worth "
         "41 million euros.", "2027-06-07T13:00:00Z"),
    _art("canal", "tidings", "Lock repairs close the Emmel canal for three weeks",
         "Barges will be unable to use the Emmel canal from Monday while engineers replace two lock gates at "
         "Hollen, the waterways agency said.", "2027-06-07T10:00:00Z"),
    _art("fuel", "tidings", "Shipowners sign up for shore power at Brask",
         "Six shipowners have agreed to plug their vessels into shore power at Brask from September, cutting "
         "engine emissions at berth.", "2027-06-08T07:00:00Z"),
]


def test_a_figure_given_only_in_a_standfirst_ties_one_event_told_in_other_words() -> None:
    """The trade paper names nobody and shares almost no words with the named report; the amount that ties them is
    in its standfirst, which selection reads with the lead. Without the standfirst the two stay apart, and the
    operator's route launch (same outlet and name as the named report) joins neither."""
    others = [["canal"], ["dredging"], ["fuel"], ["route"], ["strike"]]
    assert _partition(HARBOUR_DAY) == sorted([["fine-described", "fine-named"], *others])
    bare = [a.model_copy(update={"meta": {}}) for a in HARBOUR_DAY]
    assert _partition(bare) == sorted([["fine-described"], ["fine-named"], *others])


def test_a_dateline_is_no_sentence_and_a_weekday_after_the_reporting_verb_dates_the_event() -> None:
    """American wire copy: "BEND, Ore. (AP) — …" opens one sentence, and "approved Tuesday" (no "on") dates the event
    even when the sentence goes on to a plan on another weekday; "broke out" is a past tense too."""
    from guancha.select import event_day
    from guancha.textutil import split_sentences

    assert split_sentences("BEND, Ore. (RW) — The mill board approved a sale. It had 40 staff.") == [
        "BEND, Ore. (RW) — The mill board approved a sale.", "It had 40 staff."]
    plan = _art("p", "w", "Mill sale goes to a vote",
                "The sale, approved Tuesday by the board, goes to the shareholders on Friday.", "2027-03-11T10:00:00Z")
    assert event_day(plan) == dt.date(2027, 3, 9)      # Thursday's page: Tuesday the 9th, not last Friday
    fire = _art("f", "w", "Sawmill fire", "Smoke hung over the yard on Wednesday, hours after a fire broke out in the "
                "drying kilns.", "2027-03-11T10:00:00Z")
    assert event_day(fire) == dt.date(2027, 3, 10)


def test_a_label_is_no_lead_sentence_and_an_earlier_event_dated_by_its_distance_is_background() -> None:
    """A kicker ("Courts.") takes no place in the lead; "three weeks after it won a 2.2 million euro order" tells an
    earlier event, so that order's amount is no figure of this event, and a later page about the order itself does
    not share the lead's facts."""
    from guancha.select import lead_parts, shared_facts

    flood = _art("a", "w", "Flood Halts Ostmark Sawmill Three Weeks After Big Export Order",
                 "Courts.\nFloodwater stopped the Ostmark sawmill on Friday, three weeks after it won a 2.2 million euro "
                 "export order, and 70 staff were sent home. Repairs will take a month.", "2027-03-12T10:00:00Z")
    parts = lead_parts(flood)
    assert parts[0] == "Flood Halts Ostmark Sawmill" and parts[1].startswith("Floodwater stopped")
    assert "2.2 million" not in " ".join(parts)
    order = _art("b", "w", "Ostmark sawmill wins 2.2 million euro export order",
                 "The Ostmark sawmill has won a 2.2 million euro order for spruce beams from a Danish builder.",
                 "2027-02-19T10:00:00Z")
    groups = initial_groups([flood, order], embed([flood.doc, order.doc]), day_term_sets([flood, order]))
    assert "2200000" in groups[1].lead_figures and not shared_facts(groups[0], groups[1])


def test_two_leads_giving_one_exact_figure_compare_their_events_without_a_shared_name() -> None:
    """A trade paper that names nobody ("a trawl operator") and a daily that names the firm both lead with the same
    penalty written two ways ("$380K", "$380,000"): the figure makes them comparable events, as a shared name would."""
    daily = _art("d", "daily", "Regulator fines Helmsdale Trawl $380,000 over dumped cod",
                 "The fisheries regulator on Tuesday fined Helmsdale Trawl $380,000 for discarding cod.",
                 "2027-03-10T10:00:00Z")
    trade = _art("t", "trade", "Record discard penalty for a trawl operator",
                 "A penalty of $380K was imposed on a family trawl business for throwing back unlogged cod.",
                 "2027-03-10T12:00:00Z")
    groups = initial_groups([daily, trade], embed([daily.doc, trade.doc]), day_term_sets([daily, trade]))
    assert not {t for t in groups[0].actors & groups[1].actors if not t.startswith("~")}
    agreement = event_agreement(groups[0], groups[1])
    assert agreement is not None and agreement >= KIND_NEUTRAL


def test_two_leads_giving_the_same_exact_figures_are_one_event_whatever_they_call_its_parties() -> None:
    """A trade journal writes "Conamin" and "Litio Andino", a wire "Chile's National Mining Corp" and "Andean Lithium";
    no word names the kind of deal in either, but both leads give "$1.1 billion" and 40,000 tonnes a year and nothing
    else: one event, tied as a shared name would tie it. A bid that recalls the target plant's two figures beside its
    own price is another event."""
    from guancha.select import KIND_AGREE, told_by_figures

    journal = _art("j", "journal", "Conamin picks Litio Andino for US$1.1b Huachuri venture",
                   "Conamin and Litio Andino SpA will target 40ktpa of carbonate from the Huachuri brine.",
                   "2028-06-08T10:00:00Z")
    wire = _art("w", "wire", "Chile's state miner teams up with Andean Lithium on $1.1 billion brine project",
                "Chile's National Mining Corp picked Andean Lithium Corp for a salt flat that could yield 40,000 "
                "tonnes a year.", "2028-06-08T12:00:00Z")
    plant = _art("p", "desk", "Cobre Sur pours first cathode at its $640 million, 45,000-tonne plant",
                 "Cobre Sur poured the first cathode at its $640 million Pampa plant, built for 45,000 tonnes.",
                 "2028-06-07T10:00:00Z")
    bid = _art("b", "journal", "Harwick offers C$2.3 billion for Cobre Sur",
               "Harwick Minerals offered C$2.3 billion for Cobre Sur, owner of the $640 million, 45,000-tonne Pampa "
               "plant.", "2028-06-09T01:00:00Z")
    day = [journal, wire, plant, bid]
    groups = initial_groups(day, embed([a.doc for a in day]), day_term_sets(day))
    assert told_by_figures(groups[0], groups[1]) and event_agreement(groups[0], groups[1]) == KIND_AGREE
    assert not told_by_figures(groups[2], groups[3])
    assert event_agreement(groups[2], groups[3]) != KIND_AGREE


# A river's week: a bridge toll told twice, a ferry order, a lock closure, a pilots' pay deal.
RIVER_WEEK = [
    _art("toll", "a", "Varde Bridge toll rises to 4.80 euros", "The Varde Bridge Company raised its car toll to 4.80 "
         "euros from March, its first rise in six years.", "2027-02-10T09:00:00Z"),
    _art("toll-2", "b", "Bridge toll goes up", "Drivers will pay 4.80 euros to cross the Varde Bridge from March, the "
         "Varde Bridge Company said.", "2027-02-10T11:00:00Z"),
    _art("ferry", "a", "Lusk Ferries orders two electric boats", "Lusk Ferries has ordered two electric ferries for "
         "31 million euros from the Orm yard.", "2027-02-10T10:00:00Z"),
    _art("lock", "b", "Hallen lock closes for repairs", "The Hallen lock will close for 19 days from Monday while "
         "the Canal Authority replaces its gates.", "2027-02-09T10:00:00Z"),
    _art("pilots", "c", "River pilots accept 3.5 percent pay offer", "River pilots in the Vesk Pilots Guild "
         "accepted a 3.5 percent pay rise on Tuesday.", "2027-02-09T15:00:00Z"),
]


def test_a_newsletter_telling_three_of_the_days_stories_is_a_roundup_and_a_story_mentioning_two_is_not() -> None:
    """"The week on the river" gives each of three stories its own line, by an exact figure or full name; a news page
    that recalls two other stories in passing stays a story of its own, and so does a long report whose background
    recalls three."""
    from guancha.select import roundup_pages

    day = [
        *RIVER_WEEK,
        _art("brief", "c", "The week on the river", "Good morning.\nTolls. The Varde Bridge Company lifts its toll to "
             "4.80 euros.\nFerries. Lusk Ferries spends 31 million euros on two electric boats.\nLocks. The Canal "
             "Authority shuts Hallen lock for 19 days.\nThat is all for this week.", "2027-02-10T06:00:00Z"),
        _art("analysis", "a", "Orm yard wins ferry work as rivals struggle",
             "The Orm yard, which won the 31 million euro Lusk Ferries order this week, is hiring 40 welders. The yard "
             "said the 4.80 euro Varde Bridge toll adds to its delivery costs. Its order book now runs to 2029.",
             "2027-02-10T12:00:00Z"),
        _art("harbour", "b", "Port of Kell sells its grain terminal to Brask Logistics",
             "The Port of Kell sold its grain terminal to Brask Logistics for 12 million euros on Wednesday. The terminal "
             "handles most of the region's barley exports. Brask will keep all 60 staff, the port said. The sale ends "
             "two years of talks. Brask plans a new conveyor and a second silo by 2029. Farmers' groups welcomed the "
             "deal. It comes in a busy week on the water: Lusk Ferries ordered two boats for 31 million euros. Drivers "
             "face a 4.80 euro toll from the Varde Bridge Company. The Canal Authority shuts Hallen lock for 19 days. The port "
             "will spend the proceeds on dredging its outer basin. Work starts in the autumn.", "2027-02-10T13:00:00Z"),
    ]
    terms = day_term_sets(day)
    clusters = cluster(day, embed([a.doc for a in day]), terms, idf_weights(terms))
    found = {day[i].id: n for i, n in roundup_pages(day, clusters, terms).items()}
    assert found == {"brief": 3}
    # the day as select() clusters it again without the brief: the harbour sale is a story of its own whose background
    # tells three others, in a fifth of its text
    by_story = [[0, 1], [2, 6], [3], [4], [7]]
    assert {day[i].id for i in roundup_pages(day, by_story, terms)} == {"brief"}


def test_two_roundups_of_one_day_clustered_together_are_both_roundups() -> None:
    """A radio's morning bulletin, in short paragraphs, and a bulleted digest name the same four stories, so they
    cluster together; each one's names then counted as its own story's, as its sibling gives them too, and neither was
    a roundup. Read again each as if alone, both tell three stories or more: the cluster is no story. (The footbridge
    test below is the counter-case: one of a real story's two pages names three others, the other does not.)"""
    from guancha.select import roundup_pages

    day = [
        *RIVER_WEEK,
        _art("bulletin", "River Radio Vesk", "River Radio Vesk",
             "Good morning, you are listening to River Radio Vesk.\nThe Varde Bridge Company is putting its toll up to "
             "4.80 euros. It is the first rise in six years.\nLusk Ferries has signed for two electric boats worth 31 "
             "million euros. They arrive next year.\nThe Vesk Pilots Guild has taken a 3.5 percent rise. Talks took "
             "two months.\nTraffic is light on the ring road. Rain later, eleven degrees.", "2027-02-10T06:00:00Z"),
        _art("digest", "d", "Your Wednesday river list",
             "Here is what happened.\n- Tolls: 4.80 euros at the Varde Bridge from March.\n- Boats: Lusk Ferries, "
             "31 million euros, two electric ferries.\n- Locks: Hallen shut for 19 days by the Canal Authority.\n- "
             "Pay: the Vesk Pilots Guild takes 3.5 percent.\nBack on Friday.", "2027-02-10T07:00:00Z"),
    ]
    terms = day_term_sets(day)
    together = [[0, 1], [2], [3], [4], [5, 6]]
    assert set(roundup_pages(day, together, terms)) == {5, 6}
    # a story of two pages whose leads share its names is still a story: the toll pages tell no others
    assert not {0, 1} & set(roundup_pages(day, together, terms))


def test_a_report_naming_people_and_places_its_own_story_names_too_is_no_roundup() -> None:
    """A town weekly's footbridge report has the mayor cut the ribbon, a school's pupils cross first and market
    traders cheer: three names that lead three other stories of the day. The other outlet's footbridge report names
    the mayor and the school as well, so those sentences tell the footbridge; one passing name is no roundup."""
    from guancha.select import roundup_pages

    day = [
        _art("mayor", "a", "Mayor Ruth Okafor quits over a 1.2 million pound overspend",
             "Mayor Ruth Okafor resigned on Friday after auditors found a 1.2 million pound overspend on the leisure "
             "centre.", "2027-06-04T09:00:00Z"),
        _art("mayor-2", "b", "Okafor resigns as mayor", "Ruth Okafor stepped down as mayor of Kelby after the 1.2 "
             "million pound overspend came to light.", "2027-06-04T12:00:00Z"),
        _art("school", "a", "Fenmore Grammar School to close its sixth form",
             "Fenmore Grammar School will close its sixth form in 2028, moving 240 pupils to Kelby College.",
             "2027-06-03T10:00:00Z"),
        _art("market", "c", "Halsey Market Hall reopens after 3.1 million pound refit",
             "Halsey Market Hall reopened on Thursday after a 3.1 million pound refit with 46 stalls.",
             "2027-06-03T15:00:00Z"),
        _art("bridge", "b", "Kelby footbridge back open after 870,000 pound repair",
             "The Kelby footbridge over the Lenn reopened on Saturday after a 870,000 pound repair that took eight "
             "months. Engineers replaced the rusted deck and both handrails. Some 3,000 people used it each day before "
             "it shut. Outgoing mayor Mayor Ruth Okafor opened it in one of her last duties. Pupils from Fenmore "
             "Grammar School walk over it each morning.", "2027-06-05T10:00:00Z"),
        _art("bridge-2", "c", "Footbridge reopens",
             "The Kelby footbridge is open again after its 870,000 pound repair. Mayor Ruth Okafor cut the ribbon on "
             "Saturday morning. A class from Fenmore Grammar School were the first to cross. Stallholders at Halsey "
             "Market Hall said shoppers from the far bank could come back at last.", "2027-06-05T13:00:00Z"),
    ]
    terms = day_term_sets(day)
    by_story = [[0, 1], [2], [3], [4, 5]]
    assert roundup_pages(day, by_story, terms) == {}
    # the same page told without its sibling is three other stories' names in three sentences: a roundup shape
    assert 5 in roundup_pages(day, [[0, 1], [2], [3], [5]], terms)


def test_leads_opening_with_different_figures_of_one_audit_agree_when_each_page_tells_the_others() -> None:
    """A translated wire opens its report of an audit with the standard met (59%), a daily with the overspend
    ($61-million): each page gives the other's figure further down, so the figures do not set them apart. A report
    of a later event that recalls the earlier one's figure as background still differs: the earlier page lacks the
    later figure."""
    from guancha.select import _event_agreements, event_agreement, initial_groups, told_each_other

    wire = _art("w", "wire", "Audit severe toward the fire service",
                "The auditor general, Mira Tolland, concludes that the fire service met its first-attack standard "
                "in only 59% of cases in 2029. Its fleet of 14 tankers is 38 years old on average, and it overspent "
                "by $61 million.", "2030-07-18T09:00:00Z")
    daily = _art("d", "daily", "Auditor General: fire service overspent by $61-million",
                 "Mira Tolland's audit finds a $61-million overspend at the provincial fire service. It met its own "
                 "first-attack standard on only 59 per cent of 2029 fires, with 14 tankers averaging 38 years.",
                 "2030-07-18T10:00:00Z")
    order = _art("o", "daily", "Fire service orders four scoopers for $96-million",
                 "The provincial fire service signed a $96-million contract for four water bombers on Tuesday.",
                 "2030-07-16T10:00:00Z")
    fine = _art("f", "wire", "Fire service fined $2-million for a fuel spill",
                "The fire service was fined $2-million on Thursday for a fuel spill at its hangar, two days after its "
                "$96-million order for four scoopers.", "2030-07-18T11:00:00Z")
    day = [wire, daily, order, fine]
    groups = initial_groups(day, embed([a.doc for a in day]), day_term_sets(day))
    assert not groups[0].lead_figures & groups[1].lead_figures or "59percent" in groups[0].lead_figures
    assert told_each_other(groups[0], groups[1])
    assert not told_each_other(groups[2], groups[3])   # the order's page lacks the later fine
    agreement = event_agreement(groups[0], groups[1])
    # not set apart by their figures (0.0); on this day every lead says "fire", the subject rather than a kind of
    # event, so the two leads may also have no kind left to compare (None)
    assert agreement is None or agreement > 0.0
    vectorised, _ = _event_agreements(groups)
    if agreement is None:
        assert np.isnan(vectorised[0, 1])
    else:
        assert vectorised[0, 1] == pytest.approx(agreement)


def test_an_outlets_repeated_short_lines_are_no_words_of_its_stories() -> None:
    """A radio's table-laid-out pages keep its masthead, menu and address in their text: two of its pages about
    different events looked alike for them. Short lines the outlet repeats on two pages are taken out; a paragraph
    two pages share, and lines of other outlets, stay."""
    from guancha.select import without_outlet_chrome

    chrome = "RADIO LAMM 97,3 FM\nNews\nSport\nWeather\nRadio Lamm · 4 Quay Street · Lammton\n"
    shared = ("The river board said the channel would be dredged before the autumn traffic and the lock repaired "
              "over the winter months.")
    a = _art("a", "radio-lamm", "Lock closes", chrome + "The old lock closed for repairs on Monday.\n" + shared,
             "2027-03-10T10:00:00Z")
    b = _art("b", "radio-lamm", "Ferry fares", chrome + "Ferry fares rise by a fifth from April.\n" + shared,
             "2027-03-10T11:00:00Z")
    c = _art("c", "daily", "Ferry fares", "News\nFerry fares rise by a fifth from April, the operator said.",
             "2027-03-10T12:00:00Z")
    cleaned = without_outlet_chrome([a, b, c])
    assert cleaned[0].text == "The old lock closed for repairs on Monday.\n" + shared
    assert cleaned[1].text == "Ferry fares rise by a fifth from April.\n" + shared
    assert cleaned[2] is c


def test_a_roundup_told_in_short_paragraphs_tells_each_story_with_its_whole_paragraph() -> None:
    """A station's evening news gives each story a paragraph whose first sentence names it and whose others name
    nothing ("The pickets will stand at both gates."). Counted sentence by sentence, the three openers were too small a
    share of the page for a roundup, and it glued the stories it retold together."""
    from guancha.select import roundup_pages

    day = [
        _art("quay", "a", "Kell Harbour Board approves 40 million euro quay", "The Kell Harbour Board approved a 40 "
             "million euro deep-water quay on Tuesday after two years of objections.", "2028-11-07T09:00:00Z"),
        _art("quay-2", "b", "New quay for Kell", "A 40 million euro quay got the go-ahead from the Kell Harbour Board.",
             "2028-11-07T12:00:00Z"),
        _art("dockers", "a", "Orrin Dockers Union calls 48-hour walkout", "The Orrin Dockers Union will walk out for "
             "48 hours from Monday over night-shift pay.", "2028-11-07T10:00:00Z"),
        _art("ferry", "c", "Vessa Line drops winter sailings to Tarn Island", "Vessa Line will run no winter sailings "
             "to Tarn Island this year, blaming fuel costs.", "2028-11-06T15:00:00Z"),
        _art("radio", "c", "Evening news", "Good evening.\n"
             "The Kell Harbour Board has approved its 40 million euro quay. It will be built over the next two years, "
             "and the first ships could tie up there the summer after that. The neighbours are worried about the noise "
             "of piling at night, and about the lorries that will use the shore road every day while it is built.\n"
             "The Orrin Dockers Union walks out for 48 hours from Monday. The pickets will stand at both gates from six "
             "in the morning, and they say they will not let the night shift through either. There may be ships "
             "waiting at anchor off the point by the middle of the week if nothing is agreed before then.\n"
             "Vessa Line has dropped its winter sailings to Tarn Island. The people who live there will have to fly "
             "or wait for the spring, when the boats come back. It is the second winter in a row without a boat, and "
             "the shop owners say they cannot keep their shelves full on what the plane brings.\n"
             "That is the news; more at ten.", "2028-11-07T18:00:00Z"),
    ]
    terms = day_term_sets(day)
    by_story = [[0, 1, 4], [2], [3]]   # as clustering drew it: the bulletin joined the quay story
    assert roundup_pages(day, by_story, terms) == {4: 3}
    # a report that recalls another story in the middle of a paragraph lends that story nothing more
    report = _art("report", "a", "Orrin dockers vote on pay offer", "The Orrin Dockers Union votes on Friday on a pay "
                  "offer for night shifts. The Kell Harbour Board said its 40 million euro quay would need them. It "
                  "will take two years to build and employ many of them on the cranes and in the sheds by the water.",
                  "2028-11-07T19:00:00Z")
    day2 = [*day[:4], report]
    assert roundup_pages(day2, [[0, 1], [2, 4], [3]], day_term_sets(day2)) == {}


# A tram day with two events told by two outlets each, a furniture store's "depot" sale using two keywords (depot,
# timetable) and one long page on the union's new leader that no other outlet carried.
TRAM_PAY_TWICE = [TRAM_NEWS[1], _art("pay-2", "metroline", "Drivers vote yes to five percent",
                                     "Tram drivers accepted a 5 percent pay rise in a ballot, ending the dispute that "
                                     "cancelled evening trams on two lines, their union said.", _TRAM_DAY)]
TRAM_LINE_TWICE = [TRAM_NEWS[2], _art("line-2", "citydesk", "Harbour light rail gets the go-ahead",
                                      "Councillors approved the harbour light rail line with 11 stops and a depot; the "
                                      "first trams should run along the old quay in 2029.", _TRAM_DAY)]
DEPOT_SALE = _art("sale", "citydesk", "Furniture depot clears its warehouse before the move",
                  "The Holm furniture depot on the ring road will sell its whole stock at half price from Saturday "
                  "before it moves to a larger warehouse by the motorway, its owners said. Sofas, beds and kitchen "
                  "tables will go first; the shop expects queues and has hired extra staff for the weekend. The new "
                  "warehouse will open in September with a café and a play area for children, and the old building "
                  "will become flats. Delivery will be free within the city for the sale's first week, and the "
                  "depot's timetable of late openings will run until the end of the month. The family that owns the "
                  "business has run it since 1972.", _TRAM_DAY)
UNION_LEADER = _art("leader", "citydesk", "Tram drivers' union elects a new leader after the pay deal",
                    "The tram drivers' union elected Mira Solberg, a driver on the harbour line for eleven years, as "
                    "its new leader on Wednesday, a week after members accepted the pay rise that ended evening "
                    "cancellations. Solberg said her first task would be the rota at the depot, where drivers still "
                    "work split shifts on two lines, and she wants talks with the transport company on training the "
                    "new drivers it needs for the extended network. The union represents 640 of the city's 700 tram "
                    "drivers. Her predecessor retired after nine years.", _TRAM_DAY)


# Two short items no other outlet carries: a radio's two lines on a furniture "depot" reopening, and a two-line tram
# item (a breakdown on the harbour line) that no other outlet reported.
DEPOT_SHORT = _art("depot-short", "radio", "Furniture depot reopens",
                   "The Holm furniture depot reopens on Saturday after its move, with sofas at half price. Parking is "
                   "free for the first week.", _TRAM_DAY)
TRAM_SHORT = _art("tram-short", "radio", "Harbour line trams held up",
                  "Trams on the harbour line ran twenty minutes late this morning after a tram broke down at the "
                  "depot gate. Drivers were told to expect delays until noon.", _TRAM_DAY)


def test_a_story_no_other_outlet_carries_must_be_nearly_as_close_to_the_topic_as_the_days_reported_stories() -> None:
    """The furniture depot's sale names two keywords and clears the relevance floor: on a quiet day it filled a slot.
    Against the day's stories that two outlets tell, it is far from the topic; the union's new leader, told by one
    outlet too, is as close as they are and stays. A short item is held to the same floor: a radio's two lines on the
    depot reopening filled a slot too, while its two lines on a tram breaking down stay. A day without a story told
    twice has no scale to compare with."""
    from guancha.select import RELEVANCE_FLOOR, _keyword_hits, on_topic, single_page_floor, weak_single_page

    topic_vec = embed([topic_text(TRAM_SPEC)])[0]

    def relevance(arts: list[ArticleView]) -> float:
        return float(unit(embed([a.doc for a in arts]).mean(axis=0)) @ topic_vec)

    floor = single_page_floor([relevance(TRAM_PAY_TWICE), relevance(TRAM_LINE_TWICE)])
    assert floor is not None
    for page, weak in ((DEPOT_SALE, True), (UNION_LEADER, False), (DEPOT_SHORT, True), (TRAM_SHORT, False)):
        words = len(f"{page.title} {page.body}".split())
        assert on_topic(relevance([page]), _keyword_hits(f"{page.title} {page.body}", TRAM_SPEC.keywords), words)
        assert weak_single_page(relevance([page]), 1, floor) is weak, page.id
    assert relevance([DEPOT_SALE]) >= RELEVANCE_FLOOR                       # the old rule kept it
    assert not weak_single_page(relevance([DEPOT_SALE]), 2, floor)           # a copy elsewhere: two outlets carry it
    assert single_page_floor([]) is None


def test_a_radio_s_newsreader_named_in_every_transcript_is_no_name_its_items_share() -> None:
    """A radio's transcripts each open "Newsreader (Ilse Varga):": its flood item and its arrest item, its only two
    that day, shared the newsreader's and reporter's names, and nothing else, and were one story. A name the radio
    gives in every item and another outlet gives too is news (the town), and stays; so do figures."""
    from guancha.select import is_figure, outlet_furniture

    day = [
        _art("flood", "radio", "Flood water reaches the Great Bath",
             "Newsreader (Ilse Varga): The river has filled the Great Bath in Sebeser. Reporter (Tamas Orban): Crews "
             "moved 580 guests to the hotel on the hill.", "2026-05-05T10:00:00Z"),
        _art("arrest", "radio", "Spa director held over pool tender",
             "Newsreader (Ilse Varga): Police in Sebeser have detained the director of the spa company. Reporter "
             "(Tamas Orban): The company, which employs 580 people, won the tender for the new pool.",
             "2026-05-05T12:00:00Z"),
        _art("wire", "wire", "Sebeser baths flooded",
             "The Great Bath in Sebeser was flooded on Tuesday and 580 guests were moved, the operator said.",
             "2026-05-05T11:00:00Z"),
    ]
    terms = day_term_sets(day)
    assert {"ilse varga", "tamas orban"} <= terms[0] & terms[1]
    furniture = outlet_furniture(day, terms)
    assert {"ilse varga", "tamas orban"} <= furniture["radio"] and "wire" not in furniture
    assert "sebeser" not in furniture["radio"] and "580" not in furniture["radio"]
    groups = initial_groups(day, embed([a.doc for a in day]), terms)
    assert not {t for t in groups[0].terms & groups[1].terms if not is_figure(t)} - {"sebeser"}


@pytest.mark.parametrize(("written", "read"), [
    ("the authority fined the bottler HAR 62m", "62000000"),          # a currency code no list names
    ("a penalty of HAR 62 million", "62000000"),
    ("ZLQ 4.5bn of bonds", "4500000000"),
    ("pokuta 2,8 milionu korun", "2800000"),                          # Czech
    ("3,5 miljoonaa euroa", "3500000"),                               # Finnish
    ("18 milyon lira", "18000000"),                                   # Turkish
    ("96 millió forint", "96000000"),                                 # Hungarian
    ("12,5 εκατ. ευρώ", "12500000"),                                  # Greek
    ("4 milijone evrov", "4000000"),                                  # Slovenian
    ("the 40 milers set off", None),                                  # no million
    ("a 6m wall", "6m"),                                              # metres: no currency before it
])
def test_an_amount_in_an_unlisted_currency_or_another_language_s_million_is_one_figure(written: str,
                                                                                       read: str | None) -> None:
    """"HAR 62m" on a market note and "HAR 62 million" in the regulator's release are one amount: three capitals
    before an amount are a currency code, as ISO writes them, listed or not. The million in the languages the
    samples are written in is a million."""
    from guancha.textutil import salient_terms

    figures = {t for t in salient_terms(written) if t[0].isdigit()}
    if read is None:
        assert not any(t.endswith("000000") for t in figures)
    else:
        assert read in figures


def test_a_chinese_page_and_an_english_one_share_the_names_and_amounts_of_one_event() -> None:
    """A Chinese page writes no spaces: its clauses were each one term no page shared, so a Chinese report and an
    English one of the same event shared nothing but bare digits. Names read in pinyin, amounts in 亿 and 万,
    full-width digits and Chinese numerals now give the terms the English page writes."""
    from guancha.textutil import salient_terms

    chinese = ("鹭川物流周三宣布，鹭川物流将以每股１８元发行新股，募资4.5亿元。公司在青溪市有四百二十辆货车，"
               "另投入3500万元。青溪市市长表示欢迎。")
    english = ("Luchuan Logistics said on Wednesday it would raise 450 million yuan by selling new shares at 18 yuan; "
               "it runs 420 lorries in Qingxi and will spend 35 million yuan more.")
    shared = salient_terms(chinese) & salient_terms(english)
    assert {"luchuan", "qingxi", "450000000", "35000000", "420", "18"} <= shared
    # traditional characters read as the simplified ones do
    assert "luchuan" in salient_terms("鷺川物流宣布裁員。鷺川物流表示") & salient_terms(chinese)


@pytest.mark.parametrize(("written", "value"), [
    ("共四百二十架", "420"), ("三千六百户", "3600"), ("一万二千人", "12000"), ("两亿元", "200000000"),
    ("十五日", "15"),
])
def test_chinese_numerals_are_read_as_figures(written: str, value: str) -> None:
    from guancha.textutil import han_amounts

    assert han_amounts(written) == {value}


@pytest.mark.parametrize("written", ["万一出事", "一些人", "十分重要", "二〇五五年"])
def test_words_made_of_numeral_characters_are_no_figures(written: str) -> None:
    """"万一" is "in case", "十分" "very", "一些" "some"; a year written digit by digit is no amount."""
    from guancha.textutil import han_amounts

    assert han_amounts(written) == set()


def test_a_keyword_of_several_words_keeps_a_story_told_in_another_field_s_words_but_one_word_does_not() -> None:
    """A dye house's spill, told as a drinking-water story (0.17 close to a wool-mills topic), uses the keyword
    "dye house"; a car called the "Merino" (0.16) uses one word of the topic in another sense."""
    from guancha.select import PHRASE_RELEVANCE_FLOOR, RELEVANCE_FLOOR, on_topic

    assert PHRASE_RELEVANCE_FLOOR < 0.17 < RELEVANCE_FLOOR
    assert on_topic(0.17, keyword_hits=1, words=900, phrase_hits=1)
    assert not on_topic(0.16, keyword_hits=1, words=900, phrase_hits=0)
    assert not on_topic(PHRASE_RELEVANCE_FLOOR - 0.01, keyword_hits=1, words=900, phrase_hits=1)


def test_a_russian_page_and_an_english_one_share_the_names_and_amounts_of_one_event() -> None:
    """Cyrillic names are read in Latin letters, as English pages write them, and "млн", "млрд", "тыс." are
    magnitudes: a Russian report of a plant fire shared nothing with the English wire's but bare digits."""
    from guancha.textutil import salient_terms

    russian = "Пожар на заводе «Белогорский МЭЗ» в Ровнополе: директор Савченко оценил ущерб в 12,5 млн марок."
    english = "A fire at the Belogorskiy oil plant in Rovnopol did 12.5 million marks of damage, director Savchenko said."
    shared = salient_terms(russian) & salient_terms(english)
    assert {"savchenko", "belogorskiy", "12500000"} <= shared
    assert "rovnopole" in salient_terms(russian)     # the town in the locative; clustering folds its ending
    assert {"3200000000", "850000"} <= salient_terms("3,2 млрд и 850 тыс. марок")
    # Ukrainian letters as Ukrainian names are written in English; in a Ukrainian text every name is read in the
    # official Ukrainian romanisation, as Ukrainian wires write it ("Oleksii Shcherbatiuk", not "Oleksiy Shcherbatyuk")
    assert {"kharkiv", "kyiv"} <= salient_terms("Харків і Київ")
    assert {"oleksii", "shcherbatiuk", "yarema"} <= salient_terms("Олексій Щербатюк і Ярема")
    assert "shcherbatyuk" in salient_terms("Директор Щербатюк сказал")   # Russian: no Ukrainian letter
