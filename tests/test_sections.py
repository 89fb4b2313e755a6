"""A page the site files with its sport, lifestyle, arts, food or travel pages is off-topic for a watcher whose
topic is not about that field, however many of the topic's words it uses in another sense (issue 10). Written for
these tests; the pages and watchers are fictional."""

from __future__ import annotations

from guancha.collect.pages import extract_page
from guancha.sections import (
    FIELD_READINGS,
    covered_fields,
    field_words,
    page_sections,
    read_as_field,
    uncovered_field,
)

DAIRY = "Dairy farming in the Lowen valley: milk prices, cooperatives, herd health and the creamery's expansion."
CEMENT = "Cement and aggregates in the Harrow basin: kilns, quarries, building-material prices and plant permits."
ESPORTS = "The Northmark esports league: team finances, sponsorship deals, players' contracts and arena attendance."
AI = "Artificial intelligence in Korea: labs, chips, model releases and the articles of the new AI act."


def test_a_section_is_read_from_a_folder_of_the_address_the_markup_the_feed_or_a_kicker() -> None:
    assert page_sections("https://harrowherald.example/sports/2029/03/kiln-city-fc-derby.html", {}) == {"sport"}
    assert page_sections("https://harrowherald.example/weekend/arts-and-culture/quarry-opera.html", {}) == {"arts"}
    assert page_sections("https://harrowherald.example/news/p/4411.html", {"section": "Food & Drink"}) == {"food"}
    assert page_sections("https://harrowherald.example/p/4412", {"tags": ["Local", "Culture"]}) == {"arts"}
    assert page_sections("https://harrowherald.example/p/4413", {}, "Lifestyle\nConcrete grey is this spring's "
                                                                      "colour for kitchens.") == {"lifestyle"}
    # a page's own file name, a news folder, a long first line and an unlisted section say nothing
    assert page_sections("https://harrowherald.example/news/sport.html", {}) == set()
    assert page_sections("https://harrowherald.example/business/kilns/4414.html", {"section": "Industry"}) == set()
    assert page_sections("https://harrowherald.example/p/4415", {}, "Sport clubs ask the quarry for a new pitch "
                                                                      "beside the kiln road.") == set()


def test_sections_are_read_in_the_languages_the_outlets_write() -> None:
    """A Finnish daily files its hockey reports under /urheilu/; at the round's start such a page, a club called "the
    Saws" for a sawmill watcher, was the quiet day's fifth story."""
    assert page_sections("https://sanomat.example/urheilu/2049/03/14/sahat-voitti.html", {}) == {"sport"}
    assert page_sections("https://yayla.example/spor/2049/05/18/yapraklar.html", {}) == {"sport"}
    assert page_sections("https://yayla.example/magazin/2049/05/18/dizi.html", {}) == {"lifestyle"}
    assert page_sections("https://harian.example/p/1", {"section": "Hiburan"}) == {"arts"}
    assert page_sections("https://sanomat.example/matkailu/lapland.html", {}) == {"travel"}
    assert page_sections("https://sanomat.example/uutiset/2049/03/15/saha.html", {}) == set()   # the news


def test_a_topic_about_the_field_keeps_its_sections_and_a_word_that_only_begins_like_one_does_not() -> None:
    assert "sport" in covered_fields(ESPORTS)
    assert "food" in covered_fields(DAIRY)
    assert covered_fields(CEMENT) == set()
    assert "arts" not in covered_fields(AI)  # "artificial" and "articles" are no art


def test_a_page_filed_away_is_named_by_its_field_unless_the_topic_covers_it() -> None:
    derby = ("https://harrowherald.example/sport/kiln-city-fc-derby.html", {}, "Kiln City FC won the quarry derby.")
    news = ("https://harrowherald.example/business/kiln-permit.html", {}, "The kiln permit was granted.")
    assert uncovered_field(*derby, covered_fields(CEMENT)) == "sport"
    assert uncovered_field(*news, covered_fields(CEMENT)) is None
    assert uncovered_field(*derby, covered_fields(ESPORTS)) is None  # the league's own watcher wants it


def test_collection_keeps_the_section_a_page_s_markup_names() -> None:
    body = ("<html><head><title>Quarry opera</title><meta property='article:section' content='Arts &amp; Culture'>"
            "</head><body><article><h1>An opera in the old quarry</h1>" + "<p>The Harrow quarry hosts an opera this "
            "summer, with seating for two thousand on the old aggregate terraces and a stage on the kiln floor.</p>" * 4
            + "</article></body></html>").encode()
    page = extract_page(body, "text/html; charset=utf-8", "https://harrowherald.example/p/9")
    assert page.section == "Arts & Culture"
    assert page_sections("https://harrowherald.example/p/9", {"section": page.section}) == {"arts"}
    json_ld = body.replace(b"<meta property='article:section' content='Arts &amp; Culture'>",
                           b"<script type=\"application/ld+json\">"
                           b'{"@context": "https://schema.org", "@type": "NewsArticle", "articleSection": "Travel"}'
                           b"</script>")
    assert extract_page(json_ld, "text/html; charset=utf-8", "https://harrowherald.example/p/9").section == "Travel"


# A netball report filed with a town's news, in no sport folder and with no section markup.
NETBALL_REPORT = """Quarry Belles hold their nerve in the last quarter
The Quarry Belles stayed top of the county table on Saturday after a 41-38 win over Millbrook at the leisure centre.
Goal shooter Ama Obeng scored 29 from 33 attempts, and coach Dee Harlow rang the changes at half-time, moving her
captain to centre. The visitors led by four going into the final quarter before a run of six unanswered goals turned
it. "The fans carried us," said Harlow. The Belles meet the league's second-placed side in a fortnight and the
trophy could be decided there."""

# News that names sport in passing: a rail halt for a stadium, a quarry firm's sponsorship.
STADIUM_HALT = """Council backs a rail halt beside Kiln Park stadium
The county council voted 31 to 9 on Tuesday to build a two-platform rail halt beside Kiln Park, the stadium where the
town's football club plays its league matches. Up to 9,000 fans leave the ground within half an hour of the final
whistle, and buses take 40 minutes to clear them. The halt will cost 6.2 million pounds, paid from the quarry levy,
and open for the 2030 season. Harrowstone Aggregates, which sponsors the club's shirts, will give the land.
The operator said trains would run only on match days at first."""


def test_a_match_report_reads_as_sport_by_its_words_and_news_naming_sport_does_not() -> None:
    sport = FIELD_READINGS["sport"]
    words = field_words(NETBALL_REPORT, sport)
    assert {"coach", "scored", "trophy"} <= set(words)
    assert field_words(STADIUM_HALT, sport) == []
    assert field_words("", sport) == []


# A page about a band named after the watcher's subject, filed with the news: a quarry watcher's "Quarrymen".
BAND_PAGE = """The Quarrymen bring their last tour home to the Kiln Hall
The Quarrymen, the four-piece band that began in a Harrow pub playing songs about the quarries where their fathers
worked, close their farewell tour at the Kiln Hall on Friday. Singer Rob Tansley said the set would end with their
first single, Blast at Noon, as it has since 2014. The band's fifth album, Aggregate, came out in March; the concert
sold out in two days, and the support act is a colliery brass group from across the valley. Doors open at seven."""

# News that names music in passing: a quarry's blasting moved for a concert, a band at a plant's opening.
BLASTING_MOVED = """Quarry moves its blasting for the Kiln Hall concert
Harrowstone Aggregates will move Friday's blasting at Kiln quarry to the morning so that the noise does not reach
the concert at the Kiln Hall, the council said. The quarry blasts twice a week under its permit; residents had asked
for the change. A brass band will play at the opening of the firm's new crushing plant next month, which will lift
output to 2.4 million tonnes a year and add 40 jobs."""


def test_a_page_about_a_band_reads_as_the_arts_by_its_words_and_news_naming_a_concert_does_not() -> None:
    assert read_as_field(BAND_PAGE, covered_fields(CEMENT)) == ("arts", field_words(BAND_PAGE, FIELD_READINGS["arts"]))
    assert {"band", "singer", "album", "concert"} <= set(field_words(BAND_PAGE, FIELD_READINGS["arts"]))
    assert read_as_field(BLASTING_MOVED, covered_fields(CEMENT)) is None
    # a watcher that follows music keeps such pages
    assert read_as_field(BAND_PAGE, covered_fields("Live music venues and the festivals of the north")) is None


def test_a_two_sentence_result_reads_as_sport_and_a_short_vote_count_does_not() -> None:
    """A radio bulletin's result has too few words for the counts a report needs: its score after a result verb says
    it. A council vote or a tender won by a quarry firm, told as briefly, has a count or no sport words."""
    sport = FIELD_READINGS["sport"]
    result = ("Kiln Rovers held on in the rain. In hockey, the Rovers edged Marlow Town 3-2 at the Quarry Lane pitch "
              "tonight, and they go into Saturday's last game of the season top of the table.")
    assert {"game", "season"} <= set(field_words(result, sport))
    assert field_words(result.replace("3-2", "by a goal"), sport) == []   # the score said it
    vote = "Councillors voted 31-9 to approve the quarry's extension after a six-hour debate on Tuesday."
    tender = "Harrowstone won the 2-3 year gravel contract against two rivals, the council said on Monday."
    assert field_words(vote, sport) == [] and field_words(tender, sport) == []
    # the same result inside a long report of a ground's rail halt: a report needs the counts
    assert field_words(STADIUM_HALT + " The club beat Millbrook 2-1 in the last game.", sport) == []
