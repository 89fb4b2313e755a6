"""Papers arXiv files only under a field that borrows a watcher's words (computing, astrophysics, particle physics,
neuroscience), for a watcher whose topic does not cover that field. Fixtures in the project's own words; facts are
fictional."""

from __future__ import annotations

from guancha.arxiv_fields import category_field, covered_distant_fields, uncovered_filing
from guancha.select import (
    PAPER_FLOOR,
    ArticleView,
    TopicVocabulary,
    choose_papers,
    paper_on_topic,
    topic_text,
)
from guancha.spec import WatcherSpec
from guancha.textutil import embed, unit

_DAY = "2031-08-14T09:00:00Z"


def _glacier_spec(arxiv_query: str = 'abs:"glacier" OR abs:"ice sheet"') -> WatcherSpec:
    return WatcherSpec.model_validate({
        "id": "glacier-watch", "title": "Alpine glaciers",
        "description": "Glaciers of the southern Alps - retreat and melt, calving, glacial lakes that may burst, "
                       "meltwater for rivers and hydropower, and the mountain towns below them.",
        "sources": [{"feed": "https://alps.example/rss.xml"},
                    {"arxiv": arxiv_query, "endpoint": "https://mirror.example/api/query"}],
        "keywords": ["glacier", "glacial", "meltwater", "calving", "ice"],
        "report": {"papers": [0, 3]},
    })


def _paper(aid: str, title: str, abstract: str, categories: list[str]) -> ArticleView:
    return ArticleView(id=aid, url=f"https://mirror.example/abs/{aid}", title=title, outlet="arXiv",
                       published_at=_DAY, text=abstract, kind="paper",
                       meta={"categories": categories, "primary_category": categories[0]})


NEWS = [
    ArticleView(id="lake", url="https://alps.example/lake", title="Engineers drain a glacial lake above Vennach",
                outlet="alps", published_at=_DAY, kind="article",
                text="Engineers began pumping water out of the lake that formed this summer at the snout of the Vennach "
                     "glacier, fearing its ice dam could give way and flood the valley. The town below was told to keep "
                     "an evacuation route clear."),
    ArticleView(id="melt", url="https://alps.example/melt", title="Record melt season shrinks the Kessel glacier",
                outlet="alps", published_at=_DAY, kind="article",
                text="The Kessel glacier lost more ice this summer than in any year since measurements began, the "
                     "glacier survey said. Its front retreated 61 metres, and meltwater in the river peaked a month "
                     "early."),
]
PAPERS = [
    _paper("calving", "Calving Fronts of Lake-Terminating Alpine Glaciers Under Warming Summers",
           "We tracked the fronts of eleven lake-terminating glaciers for six summers. Calving events doubled when "
           "lake water exceeded four degrees, and fronts retreated twice as fast as on land-terminating neighbours.",
           ["physics.geo-ph"]),
    _paper("forgetting", "Glacial Forgetting: Meltwater Regularisation Against Catastrophic Forgetting in "
           "Continual Learning",
           "Continual learners forget old tasks as new ones arrive. We let old weights melt slowly, like a glacier "
           "calving ice into meltwater, instead of overwriting them, and cut forgetting by a third on five "
           "benchmarks of image classification.", ["cs.LG", "cs.AI"]),
    _paper("mapping", "Mapping Glacier Retreat in the Southern Alps from Ten Years of Satellite Images",
           "A segmentation network traces glacier outlines on 4,200 satellite scenes. The glaciers lost 14 percent "
           "of their area in ten years; lakes at their snouts grew by a third.", ["cs.CV", "physics.geo-ph"]),
]


def test_a_category_belongs_to_a_distant_field_unless_it_is_applied_work() -> None:
    assert category_field("cs.LG") == "computer science" and category_field("stat.ML") == "computer science"
    assert category_field("astro-ph.SR") == "astrophysics" and category_field("hep-ph") is not None
    assert category_field("astro-ph.EP") == "planetary science and astronomical instruments"
    assert category_field("cs.CY") is None          # computers and society: people and institutions
    assert category_field("physics.geo-ph") is None and category_field("stat.AP") is None


def test_a_paper_is_filed_away_only_when_every_category_is_a_distant_field_the_watcher_does_not_cover() -> None:
    assert uncovered_filing(["cs.LG", "cs.AI"], set()) == "computer science"
    assert uncovered_filing(["astro-ph.HE", "cs.LG"], set()) == "astrophysics"    # the primary field is named
    assert uncovered_filing(["cs.CV", "physics.geo-ph"], set()) is None          # cross-listed: applied work
    assert uncovered_filing(["cs.LG"], {"computer science"}) is None
    assert uncovered_filing([], set()) is None                                   # a mirror that drops categories


def test_a_watcher_covers_a_field_its_topic_names_or_its_arxiv_query_asks_for() -> None:
    spec = _glacier_spec()
    assert covered_distant_fields(topic_text(spec), ['abs:"glacier"']) == set()
    assert covered_distant_fields(topic_text(spec), ['abs:"glacier" AND cat:cs.CV']) == {"computer science"}
    # chips: computing, and the semiconductor materials they are made of
    assert covered_distant_fields("AI in China: models, chips and the firms that make them") == {
        "computer science", "condensed matter and materials"}
    assert covered_distant_fields("Satellite launches and the rockets that carry them") == {
        "planetary science and astronomical instruments"}
    assert covered_distant_fields("Telescopes, galaxies and the astronomers who study them") == {
        "astrophysics", "planetary science and astronomical instruments"}
    # "space heating", "office space": not the field of the stars
    assert covered_distant_fields("Heating homes: heat pumps, space heating and district networks") == set()


def test_neuroscience_and_the_bench_s_biology_are_distant_fields_and_populations_and_epidemics_are_not() -> None:
    """Three samples written independently each had an off-topic paper filed only under neurons and cognition:
    "neuronal avalanches" for an avalanche watcher, essential "tremor" for an earthquake watcher, "broadband" gamma
    activity in small-world "networks" for a broadband watcher. Epidemics, fish stocks and crop disease are filed
    under populations and evolution (q-bio.PE) and stay applied work."""
    assert category_field("q-bio.NC") == "laboratory biology and neuroscience"
    assert category_field("q-bio.MN") == category_field("q-bio.GN") == "laboratory biology and neuroscience"
    assert category_field("q-bio.PE") is None and category_field("q-bio.QM") is None
    assert uncovered_filing(["q-bio.NC"], set()) == "laboratory biology and neuroscience"
    # a molecular motor's "cargo" filed under cell biology and soft matter: laboratory science on both counts
    assert uncovered_filing(["q-bio.SC", "cond-mat.soft"], set()) == "laboratory biology and neuroscience"
    assert uncovered_filing(["q-bio.SC", "physics.bio-ph", "q-bio.PE"], set()) is None   # cross-listed: its words
    assert covered_distant_fields("Antibiotic resistance: new drugs, bacteria and hospital infections") == {
        "laboratory biology and neuroscience"}
    # an institution is not the science: a seismic watcher follows the retrofit of schools and hospitals
    assert covered_distant_fields("Earthquakes and the seismic retrofit of schools, hospitals and homes") == set()


def test_a_paper_filed_only_under_computing_is_no_paper_of_a_glacier_watcher_however_many_keywords_it_borrows() -> None:
    """The continual-learning paper borrows four keywords (glacial, glacier, calving, meltwater) as a metaphor: by
    closeness and vocabulary it was on topic. arXiv files it under machine learning and AI only; the mapping paper,
    also computing, is cross-listed to geophysics and stays."""
    spec = _glacier_spec()
    topic_vec = embed([topic_text(spec)])[0]
    centroid = unit(embed([a.doc for a in NEWS]).mean(axis=0))
    vocabulary = TopicVocabulary.build(spec, [], [f"{a.headline} {a.text}" for a in NEWS])
    borrowed = embed([f"{PAPERS[1].title}. {PAPERS[1].title}. {PAPERS[1].text}"])[0]
    text = f"{PAPERS[1].title}. {PAPERS[1].text}"
    assert float(borrowed @ topic_vec) >= PAPER_FLOOR   # the words alone took it
    assert paper_on_topic(float(borrowed @ topic_vec), float(borrowed @ centroid), vocabulary.terms_in(text),
                          vocabulary, 4)
    picks, excluded = choose_papers(spec, PAPERS, topic_vec, [centroid], vocabulary)
    assert sorted(p.article_id for p in picks) == ["calving", "mapping"]
    assert [e.article_ids for e in excluded] == [["forgetting"]]
    assert excluded[0].reason == ("off-topic paper: arXiv files it only under computer science (cs.LG, cs.AI), a "
                                  "field this watcher's topic does not cover")


def test_a_watcher_that_asks_arxiv_for_a_computing_category_judges_such_papers_by_their_words() -> None:
    spec = _glacier_spec('abs:"glacier" AND (cat:physics.geo-ph OR cat:cs.LG)')
    topic_vec = embed([topic_text(spec)])[0]
    centroid = unit(embed([a.doc for a in NEWS]).mean(axis=0))
    vocabulary = TopicVocabulary.build(spec, [], [f"{a.headline} {a.text}" for a in NEWS])
    _, excluded = choose_papers(spec, PAPERS, topic_vec, [centroid], vocabulary)
    assert not any("arXiv files it" in e.reason for e in excluded)


def _quarry_spec() -> WatcherSpec:
    return WatcherSpec.model_validate({
        "id": "quarry-watch", "title": "Upland quarries and the roads they load",
        "description": "Stone quarries in the Orrin uplands - blasting, dust and the lorries on village roads, "
                       "quarry licences and appeals, and the rocket range that shares the moor with them.",
        "sources": [{"feed": "https://moor.example/rss.xml"},
                    {"arxiv": 'abs:"quarry" OR abs:"blasting"', "endpoint": "https://mirror.example/api/query"}],
        "keywords": ["quarry", "blasting", "dust", "lorry", "rocket range", "housing"],
    })


def test_stars_detectors_materials_and_medical_imaging_are_distant_fields_a_quarry_watcher_does_not_cover() -> None:
    """A watcher that names a rocket range follows the solar system's side of astronomy at most, not the "orbital
    decay" of binary stars; none of its words name detector building, the physics of materials or medical imaging,
    whose papers borrow "avalanche", "housing", "dust" and "dose"."""
    spec = _quarry_spec()
    covered = covered_distant_fields(topic_text(spec), ['abs:"quarry" OR abs:"blasting"'])
    assert covered == {"planetary science and astronomical instruments"}
    assert uncovered_filing(["astro-ph.SR", "astro-ph.HE"], covered) == "astrophysics"
    assert uncovered_filing(["astro-ph.EP"], covered) is None                   # the solar system's dust and moons
    assert uncovered_filing(["physics.ins-det", "hep-ex"], covered) == "instrumentation and detectors"
    assert uncovered_filing(["cond-mat.mtrl-sci"], covered) == "condensed matter and materials"
    assert uncovered_filing(["physics.med-ph", "eess.IV"], covered) == "medical physics"
    # cross-listed to a field of applied work: judged by its words (a dust sensor network on a haul road)
    assert uncovered_filing(["physics.ins-det", "physics.ao-ph"], covered) is None
    assert uncovered_filing(["cond-mat.mtrl-sci", "physics.geo-ph"], covered) is None
    assert uncovered_filing(["eess.IV", "physics.geo-ph"], covered) is None


def test_a_watcher_that_names_materials_or_scanners_covers_their_fields() -> None:
    assert covered_distant_fields("Battery materials: cathodes, recycling and new gigafactories") == {
        "condensed matter and materials"}
    assert covered_distant_fields("Hospital scanners: MRI waiting times and radiology staffing") == {
        "medical physics"}
    assert covered_distant_fields("Seismic sensors and the detectors of the national network") == {
        "instrumentation and detectors"}


def test_a_detector_paper_that_borrows_a_quarry_watcher_s_words_is_left_out_and_an_applied_one_kept() -> None:
    """The detector paper's abstract says "housing", "dust" and "blasting" (a bead-blasted copper housing kept free
    of dust) and is close enough to pass on its words; arXiv files it under detectors and particle physics only."""
    spec = _quarry_spec()
    news = [ArticleView(id="appeal", url="https://moor.example/appeal", outlet="moor", published_at=_DAY,
                        kind="article", title="Villagers win appeal over quarry lorries on the Crail road",
                        text="The planning inspector upheld the villagers' appeal: the Orrin quarry may send no more "
                             "than forty lorries a day along the Crail road, and blasting must stop at four. Dust "
                             "readings by the school had doubled since the quarry's extension opened.")]
    papers = [
        _paper("housing", "A Bead-Blasted Copper Housing for Low-Background Germanium Detectors",
               "We machined and bead-blasted a copper housing for germanium detectors and kept it free of dust in a "
               "clean room. Blasting left no measurable activity; the background fell by a third.",
               ["physics.ins-det", "hep-ex"]),
        _paper("haul", "Dust from Quarry Haul Roads: Lorry Traffic, Blasting and Fine Particles in Upland Villages",
               "Sensors beside two quarry haul roads recorded fine dust for a year. Readings rose with lorry traffic "
               "and on blasting days, and fell by half where the road was sealed.",
               ["physics.ins-det", "physics.ao-ph"]),
    ]
    topic_vec = embed([topic_text(spec)])[0]
    centroid = unit(embed([a.doc for a in news]).mean(axis=0))
    vocabulary = TopicVocabulary.build(spec, [], [f"{a.headline} {a.text}" for a in news])
    picks, excluded = choose_papers(spec, papers, topic_vec, [centroid], vocabulary)
    assert [p.article_id for p in picks] == ["haul"]
    assert [e.article_ids for e in excluded] == [["housing"]]
    assert excluded[0].reason.startswith("off-topic paper: arXiv files it only under instrumentation and detectors")


def test_plasma_physics_is_the_physics_of_fusion_and_a_watcher_of_wood_pellets_does_not_cover_it() -> None:
    """A pulp watcher's "pellets" are wood; a tokamak's are frozen fuel (physics.plasm-ph)."""
    covered = covered_distant_fields("Wood pellets, sawmills and the pulp mills of the north")
    assert uncovered_filing(["physics.plasm-ph"], covered) == "particle, nuclear and gravitational physics"
    assert uncovered_filing(["physics.plasm-ph"], covered_distant_fields("Fusion energy: tokamaks and funding")) is None


def test_a_withdrawn_version_is_never_chosen_however_on_topic_it_reads() -> None:
    """A withdrawn version keeps its title and categories; its abstract becomes the notice. It was chosen as the
    day's second paper, sending readers to a paper its authors took back."""
    from guancha.arxiv_fields import withdrawal_notice

    assert withdrawal_notice("This paper has been withdrawn by the authors: the melt rates in Table 2 were wrong.")
    assert withdrawal_notice("Withdrawn due to a duplicate submission.")
    assert withdrawal_notice("We map the fronts of eleven glaciers.", comment="This version is withdrawn; see v3")
    assert not withdrawal_notice("Hydropower concessions withdrawn by the regulator after the glacial lake burst "
                                 "changed how the valley is insured; we measure the change.")
    assert not withdrawal_notice("We compare meltwater in a wet and a dry summer. " * 8 + "The paper was withdrawn")
    spec = _glacier_spec()
    withdrawn = _paper("withdrawn", "Calving Fronts of Lake-Terminating Alpine Glaciers Under Warming Summers",
                       "This paper has been withdrawn by the authors: the calving counts for 2029 were entered "
                       "twice, which invalidates the trend in Section 4. Please do not cite this version.",
                       ["physics.geo-ph"])
    topic_vec = embed([topic_text(spec)])[0]
    centroid = unit(embed([a.doc for a in NEWS]).mean(axis=0))
    vocabulary = TopicVocabulary.build(spec, [], [f"{a.headline} {a.text}" for a in NEWS])
    picks, excluded = choose_papers(spec, [withdrawn, PAPERS[2]], topic_vec, [centroid], vocabulary)
    assert [p.article_id for p in picks] == ["mapping"]
    assert [e.article_ids for e in excluded] == [["withdrawn"]]
    assert excluded[0].reason.startswith("withdrawn paper")


def test_a_keyword_of_several_words_names_the_subject_where_one_word_would_not() -> None:
    """A paper on rupture of the wet web on fast paper machines used the pulp watcher's keyword "paper machine" and
    no other word of its topic: read as one borrowed keyword, it needed a closeness of 0.4 and was left out. A
    one-word keyword alone ("kraft", Kraft's inequality of coding theory) still needs that closeness."""
    spec = WatcherSpec.model_validate({
        "id": "pulp-watch", "title": "Pulp and paper mills",
        "description": "Pulp mills and their kraft lines, sawmills and the wood they buy, and the ports that ship it.",
        "sources": [{"feed": "https://mill.example/rss.xml"}],
        "keywords": ["paper machine", "kraft", "pulp"],
    })
    vocabulary = TopicVocabulary.build(spec)
    web = "Wet web strength and fibre network rupture on fast paper machines at speeds above 1,800 metres a minute"
    assert vocabulary.terms_in(web) == {"paper machine"}
    assert paper_on_topic(0.05, 0.17, vocabulary.terms_in(web), vocabulary, 1)
    coding = "A Kraft inequality for prefix-free codes in Bayesian model selection"
    assert vocabulary.terms_in(coding) == {"kraft"}
    assert not paper_on_topic(0.10, 0.18, vocabulary.terms_in(coding), vocabulary, 1)
