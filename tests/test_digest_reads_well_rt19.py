"""Red team 19: the extractive digest read as a reader reads it. Each shape the digest got wrong, with a look-alike
that must keep working. Facts and words are made up here."""

from __future__ import annotations

import numpy as np
import pytest

from guancha.spec import WatcherSpec
from guancha.write.base import NumberedSource
from guancha.write.extractive import (
    balanced,
    narrated,
    retells_lead,
    usable_sentence,
    without_dateline,
    write_story_extractive,
)


def _source(label: str, outlet: str, title: str, text: str, when: str = "2047-05-06T09:00:00Z") -> NumberedSource:
    return NumberedSource(label=label, article_id=label, url=f"https://{outlet}.example/{label}", title=title,
                          outlet=outlet, published_at=when, text=text, kind="article")


def _spec(words: tuple[int, int] = (40, 300)) -> WatcherSpec:
    return WatcherSpec.model_validate({"id": "rt19", "title": "Red team", "date": "2047-05-06",
                                       "report": {"story_words": list(words)},
                                       "sources": [{"feed": "https://wire.example/rss.xml"}]})


@pytest.mark.parametrize(("sentence", "rest"), [
    # a transcript's speaker, with or without where they stand
    ("Newsreader (Orla Penhale): The Dunmarrow lifeboat was called out twice overnight.",
     "The Dunmarrow lifeboat was called out twice overnight."),
    ("Reporter (Teodor Vasko), outside the town hall: Councillors voted to keep the library open.",
     "Councillors voted to keep the library open."),
    # a press release's dateline in ordinary case, with the month first or the day first
    ("Kelmbridge, Ostland, March 9, 2047 – Ferrowind Systems today opened its second blade plant.",
     "Ferrowind Systems today opened its second blade plant."),
    ("Sallowport, 22 June 2047 – At 05:10 this morning a fuel barge grounded off the north mole.",
     "At 05:10 this morning a fuel barge grounded off the north mole."),
    # a notice's header ending with the time
    ("Ostland Coastguard, 4 May 2047, 14:20. Two kayakers were rescued off Gannet Head.",
     "Two kayakers were rescued off Gannet Head."),
    # a live page's time stamp, and a wire's credit
    ("7:42 a.m. A second tremor was felt in the harbour district.", "A second tremor was felt in the harbour district."),
    ("(OPA) – The Sallowport council approved the new ferry timetable.",
     "The Sallowport council approved the new ferry timetable."),
    ("English: The inspectorate fined the dairy 40,000 crowns.", "The inspectorate fined the dairy 40,000 crowns."),
])
def test_a_page_s_furniture_before_a_sentence_is_not_quoted(sentence: str, rest: str) -> None:
    """The digest quoted "Newsreader (…): …", "Vessière, Corvith, April 14, 2039 – …", "6:58 a.m. …" as they stood."""
    assert without_dateline(sentence) == rest
    assert usable_sentence(without_dateline(sentence))


@pytest.mark.parametrize("sentence", [
    # look-alikes: a place and a date in a sentence's middle, a dash after a one-word place, a time inside a sentence
    "Kelmbridge, the county town, said on March 9, 2047 that it would buy four buses.",
    "Sallowport – a town of 9,000 people – voted to keep its cottage hospital.",
    "The 7:42 train from Sallowport was cancelled after a signal fault.",
    "Councillors (nine of them) voted to keep the library open on Tuesday.",
])
def test_a_sentence_that_only_looks_like_furniture_is_kept_whole(sentence: str) -> None:
    assert without_dateline(sentence) == sentence
    assert usable_sentence(sentence)


@pytest.mark.parametrize(("sentence", "fit"), [
    # a note's fragment (cut from its label) and a release's boilerplate on its issuer
    ("the Ferrowind programme is the first under the blade recycling scheme announced last year.", False),
    ("About Ferrowind – Founded in 2031, Ferrowind Systems makes turbine blades in Kelmbridge.", False),
    ("About KBGA: The Kelmbridge Growers' Association represents 1,200 apple growers.", False),
    ("About 1,200 apple growers belong to the Kelmbridge Growers' Association.", True),
    ("About half of the blades made in Kelmbridge are exported to Norland.", True),
    # a trader's note: a signed change, an equation, a tilde before a figure
    ("FRWD +4.2% to 18.30 on the Norland blade order announced before the open.", False),
    ("Blade revenue = KMB 84m in 2046, ~23% of group sales.", False),
    ("Ferrowind shares rose 4.2% to 18.30 crowns after the Norland order was announced.", True),
    ("Night temperatures fell to -14 degrees in the Kelm valley on Sunday.", True),
])
def test_fragments_notes_and_boilerplate_about_the_issuer_are_not_quoted(sentence: str, fit: bool) -> None:
    assert usable_sentence(sentence) is fit


@pytest.mark.parametrize(("sentence", "voiced"), [
    ("If you use the Sallowport ferry to get to work, next week will be hard going.", True),
    ("From the first of July you will not be able to pay your fare in cash.", True),
    ("Our team is at the quayside as the new ferry comes in.", True),
    ("We are also in contact with the owners of the 40 barges registered abroad.", True),
    # quoted words are someone's, and "US" is a country
    ("“We will not close a single branch,” said the bank's chief executive, Ilse Marrow.", False),
    ("'We have given the town its pool back,' said the mayor, Ansel Ruddock, on Friday.", False),
    ("The US embassy said the two sailors had been released on Tuesday.", False),
    ("Pensioners' groups said the change would hurt those who cannot use a phone app.", False),
])
def test_the_page_s_own_voice_to_its_reader_is_not_quoted(sentence: str, voiced: bool) -> None:
    """"If you use the Tolvain ferries …", "Our team is at the viewing field": in a briefing the "you" is not its reader
    and the "we" no one named."""
    assert narrated(sentence) is voiced


def test_a_second_source_s_lead_that_tells_the_news_again_corroborates_it() -> None:
    """Each source's best sentence was taken so every source was cited, and each outlet's lead told the same news:
    a story said three times that the regulator backed the drug. The second lead now cites its source on the first,
    and the story goes on to what that source adds; a lead with a figure of its own stays."""
    sources = [
        _source("S1", "wire", "Regulator backs Pellion's kidney drug",
                "The Ostland Medicines Board recommended approval of tavorilin, Pellion Biotech's kidney drug, on "
                "Tuesday. In a trial of 1,140 patients the drug slowed the loss of kidney function by 38 percent. "
                "Pellion said it would set a price after talks with the national insurer."),
        _source("S2", "daily", "Kidney patients may soon get a new pill",
                "Patients with failing kidneys may soon have a new daily pill, after Ostland's medicines regulator "
                "backed Pellion Biotech's tavorilin. Dialysis clinics in Kelmbridge treat about 2,300 people a year. "
                "Nephrologists said the drug could delay dialysis for several years for some patients."),
        _source("S3", "trade", "Pellion wins Ostland backing",
                "Ostland's medicines board gave Pellion Biotech's tavorilin a positive opinion on Tuesday. Pellion's "
                "shares rose 9 percent in Kelmbridge after the decision was published."),
    ]
    story = write_story_extractive(1, "", sources, _spec(), set(), topic_vec=np.zeros(256, dtype=np.float32))
    text = " ".join(story.paragraphs)
    assert "may soon have a new daily pill" not in text
    assert "gave Pellion Biotech's tavorilin a positive opinion" not in text
    lead = story.paragraphs[0].split(". ")[0]
    assert "[S2]" in lead and "[S3]" in lead and "[S1]" in lead
    assert "2,300" in text or "delay dialysis" in text     # what the second source adds is told
    assert "9 percent" in text                              # and the third's


@pytest.mark.parametrize(("text", "label", "order", "retold"), [
    # another source's first sentence, no figure of its own, names in common: told again
    ("Crews at Marrow Ferries voted to strike over rosters, the Harbour Union said.", "S2", 0, True),
    ("A ballot at Sallowport's Marrow Ferries backed strike action over rosters, the Harbour Union said.", "S2", 0,
     True),
    # the same source's, or a later sentence of another source: not a lead's retelling
    ("Crews at Marrow Ferries voted to strike over rosters, the Harbour Union said.", "S1", 0, False),
    ("Crews at Marrow Ferries voted to strike over rosters, the Harbour Union said.", "S2", 2, False),
    # a lead with a figure the story has not told adds to it
    ("Crews at Marrow Ferries voted to strike, with 82 percent in favour, the Harbour Union said.", "S2", 0, False),
    # a lead that names nothing the chosen sentences name is another matter, and so is one that names mostly others
    ("Kelmbridge bakers raised bread prices for the second time this year.", "S2", 0, False),
    ("Marrow Ferries' captain Ida Soller told Radio Kelm in Sallowport that the rosters were unsafe.", "S2", 0, False),
    ("The Harbour Union will pay strike money from the first day.", "S2", 0, False),
    # someone's words are theirs
    ("“We voted to strike because the rosters are unsafe,” a Marrow Ferries deckhand said.", "S2", 0, False),
])
def test_which_lead_retells_the_news(text: str, label: str, order: int, retold: bool) -> None:
    chosen = [("The Harbour Union said on Monday that seafarers at Marrow Ferries had voted for strike action.",
               "S1", 0)]
    assert (retells_lead(text, label, order, chosen) == 0) is retold


@pytest.mark.parametrize(("sentence", "ok"), [
    ("„Nikdo nebyl zraněn, řekl velitel hasičů Brodce.", False),
    ("„Die Fähre fährt wieder“, sagte der Hafenmeister am Montag.", False),    # as before: “ without ” stays out
    ("Der Hafenmeister sagte am Montag, die Fähre fahre wieder ab Dienstag.", True),
    ("“The ferry runs again,” the harbour master said on Monday.", True),
])
def test_a_low_opening_quote_never_closed_is_unbalanced(sentence: str, ok: bool) -> None:
    """„Nejdůležitější je, že se nikomu nic nestalo. was quoted: the low opening quote was in no pair."""
    assert balanced(sentence) is ok
