"""Clustering evidence: outlet branding is not shared evidence, a shared name counts once, figures count more."""

from __future__ import annotations

from guancha.outlets import strip_outlet_branding
from guancha.textutil import evidence_overlap, idf_weights, salient_terms, weighted_overlap


def test_outlet_branding_is_stripped_from_either_end_only_when_it_names_the_outlet() -> None:
    assert strip_outlet_branding("PharmaPulse :: Site to close in Lyon", "Pharmapulse") == "Site to close in Lyon"
    assert strip_outlet_branding("TSMC readies 2nm fabs | Dragon Wire", "dragonwire") == "TSMC readies 2nm fabs"
    # a dash inside the headline, or a segment naming someone else, stays
    assert strip_outlet_branding("Danish-Dutch link cut - repair ship sails", "Marine Review") == (
        "Danish-Dutch link cut - repair ship sails")
    assert strip_outlet_branding("Modelwatch", "Modelwatch") == "Modelwatch"
    # a wire's name and a colon before the headline; a colon that is the headline's own stays
    assert strip_outlet_branding("HARBOURWIRE: Ferry crews vote to strike", "Harbourwire") == "Ferry crews vote to strike"
    assert strip_outlet_branding("Maternity: what the inspectors found", "Patients Voice") == (
        "Maternity: what the inspectors found")
    assert strip_outlet_branding("Update: Harbourwire sells its print arm", "Harbourwire") == (
        "Update: Harbourwire sells its print arm")
    # the site's longer name, where the outlet is known by its last word (a loopback sample's path, a short masthead)
    assert strip_outlet_branding("Tolvern Courier :: Ferry fares rise by a fifth", "Courier") == "Ferry fares rise by a fifth"
    assert strip_outlet_branding("Ferry fares rise by a fifth - The Tolvern Courier", "Courier") == (
        "Ferry fares rise by a fifth")
    # a headline's own words ending with the outlet's name are no branding
    assert strip_outlet_branding("Mayor sues the Courier - a fight over fares", "Courier") == (
        "Mayor sues the Courier - a fight over fares")


def test_an_amount_is_one_figure_as_french_and_german_write_it() -> None:
    """A translated wire writes "4,8 M$" and "2 400 personnes": read as 48 and 400 they matched nothing, or worse,
    another story's 48 million."""
    assert "4800000" in salient_terms("La ville recevra 4,8 M$ pour son coupe-feu.") & salient_terms("It gets $4.8M.")
    assert "2400" in salient_terms("Quelque 2 400 personnes doivent partir.")
    assert "1200000000" in salient_terms("Le contrat vaut 1,2 G$ sur dix ans.")
    assert "2500000000" in salient_terms("Ein Auftrag über 2,5 Mrd. Euro.")
    assert "61000000" in salient_terms("un dépassement de 61 M$")
    # thousands come in threes: "14,500" is fourteen thousand five hundred, "3,12" a decimal
    assert {"14500", "3.12"} <= salient_terms("It cost 14,500 dollars, or 3,12 per unit.")
    assert "2400" not in salient_terms("In 2020 400 people left.")


def test_a_date_or_a_time_of_day_is_no_figure_and_polish_proc_is_percent() -> None:
    """A wire's "13.03.2031" and "from 6:05 to 11:45" became figures '13.03.2031' and '05': a lead figure that no
    other outlet gives, which set the wire's report apart from the same event told elsewhere."""
    assert not {t for t in salient_terms("Sales stopped on 13.03.2031 from 6:05 to 11:45.") if t[0].isdigit()}
    assert "9.9percent" in salient_terms("Fares rise by 9,9 proc. from April.")
    assert "62000" in salient_terms("About 62,000 tickets were not sold.")


def test_a_masthead_beginning_with_the_outlet_s_name_is_branding_only_with_a_masthead_s_suffix() -> None:
    assert strip_outlet_branding("CKLW 101.3 FM :: Ferry fares rise by a fifth", "Cklw") == "Ferry fares rise by a fifth"
    assert strip_outlet_branding("Courier Online | Ferry fares rise", "Courier") == "Ferry fares rise"
    # a headline opening with the outlet's name stays whole
    assert strip_outlet_branding("Courier Staff Cuts Loom - what it means", "Courier") == (
        "Courier Staff Cuts Loom - what it means")


def test_a_count_written_with_a_thousands_separator_is_a_figure_and_a_year_is_not() -> None:
    assert "1940" in salient_terms("About 1,940 cows on three farms will be culled by March 2029.")
    assert "2029" not in salient_terms("About 1,940 cows on three farms will be culled by March 2029.")
    assert "1940" not in salient_terms("The co-op was founded in 1940 by eleven farmers.")


def test_a_shared_company_name_weighs_less_than_a_shared_figure() -> None:
    docs = [
        salient_terms("Halvorsen Pharma wins an EU opinion for its pill; Kari Berg welcomed it."),
        salient_terms("Halvorsen Pharma will close its Lyon site; Ingrid Solberg announced it."),
        salient_terms("Regulators cut the fee to 45 million after Oslo talks; Nils Dahl agreed."),
        salient_terms("The fee falls to 45 million, said Ola Nordmann in Bergen."),
    ]
    idf = idf_weights(docs)
    same_company = evidence_overlap(docs[0], docs[1], idf)
    same_figure = evidence_overlap(docs[2], docs[3], idf)
    assert same_company < weighted_overlap(docs[0], docs[1], idf)  # 'halvorsen pharma' no longer counts thrice
    assert same_figure > same_company
    assert evidence_overlap(docs[0], docs[0], idf) == 1.0
    assert evidence_overlap(set(), docs[0], idf) == 0.0


def test_a_masthead_is_branding_when_the_outlet_is_known_by_its_feed_s_longer_name() -> None:
    """The outlet is named by its feed ("CKLW 101.3 FM News", "TMPA Health"), its pages brand themselves shorter:
    before, "CKLW 101.3 FM ::" and "TMPA:" stayed in the headline and became the lead's names and its figure
    "101.3", shared by every page of that station whatever the story."""
    assert strip_outlet_branding("CKLW 101.3 FM :: Ferry fares rise by a fifth", "CKLW 101.3 FM News") == (
        "Ferry fares rise by a fifth")
    assert strip_outlet_branding("Radio Vessa 98,1 FM - Two lifeboats for Orra", "Radio Vessa 98,1 FM – Wiadomości") == (
        "Two lifeboats for Orra")
    assert strip_outlet_branding("TMPA: Tram drivers walk out", "TMPA Health") == "Tram drivers walk out"
    # a headline that opens with a word of the outlet's name is no masthead
    assert strip_outlet_branding("Radio mast falls - Orra cut off", "Radio Vessa 98,1 FM") == (
        "Radio mast falls - Orra cut off")
    assert strip_outlet_branding("Tram: drivers walk out", "Tram Times") == "Tram: drivers walk out"


def test_a_title_that_only_names_the_outlet_is_no_headline() -> None:
    from guancha.outlets import names_only_the_host, names_the_outlet

    assert names_the_outlet("Radio Vessa 98,1 FM", "Radio Vessa 98,1 FM – News")
    assert not names_the_outlet("Evening bulletin, Friday 4.07.2031", "Radio Vessa 98,1 FM – News")
    # a site name read off the address, port and all, is no name
    assert names_only_the_host("127.0.0.1:8123", "http://127.0.0.1:8123/rv/a.htm")
    assert names_only_the_host("www.vessa.example", "https://www.vessa.example/a")
    assert not names_only_the_host("Radio Vessa", "https://www.vessa.example/a")


def test_a_feed_s_title_names_its_outlet_without_the_section_beside_it() -> None:
    from guancha.outlets import outlet_from_feed_title

    assert outlet_from_feed_title("The Orra Ledger - Business & Tech") == "The Orra Ledger"
    assert outlet_from_feed_title("Latest news | Orra Daily") == "Orra Daily"
    # a section label in title case is no outlet's name either
    assert outlet_from_feed_title("Latest News | Orra Daily") == "Orra Daily"
    assert outlet_from_feed_title("Home - The Orra Ledger") == "The Orra Ledger"
    assert outlet_from_feed_title("Top Stories – Orra Daily – Sports") == "Orra Daily"
    assert outlet_from_feed_title("Radio Vessa 98,1 FM – Wiadomości") == "Radio Vessa 98,1 FM"
    assert outlet_from_feed_title("TMPA Health") == "TMPA Health"
    assert outlet_from_feed_title("all the latest - from our newsroom") == "all the latest - from our newsroom"



def test_a_bilingual_feed_title_names_the_outlet_and_a_path_of_initials_is_written_in_capitals() -> None:
    """A wire's feed titled "Sarnow Press Service / Sarnower Pressedienst — Energy and economy" named no outlet (the
    whole title was too long), so its pages were cited as "Sps", from the path "/sps/"."""
    from guancha.outlets import outlet_from_feed_title, outlet_name

    title = "Sarnow Press Service / Sarnower Pressedienst — Energy and economy"
    assert outlet_from_feed_title(title) == "Sarnow Press Service"
    # a name followed by its initials in brackets is still the name, not the section beside it
    assert outlet_from_feed_title("Agencia Pallqa de Noticias (APN) — Economía y Transporte") == \
        "Agencia Pallqa de Noticias (APN)"
    assert outlet_name("", "http://127.0.0.1:8000/sps/en/0124-012.htm") == "SPS"
    assert outlet_name("", "http://127.0.0.1:8000/radio-velm/news/1.php") == "Radio Velm"
    assert outlet_name("", "http://127.0.0.1:8000/wire/1.htm") == "Wire"


def test_an_amount_is_one_figure_in_polish_and_financial_shorthand() -> None:
    """"3,4 mld zł", "PLN 3,400m" and "three point four billion złoty" are one order; read as "3.4", "3400m" and
    "3400000000" they matched nothing. A percentage said in words is the percentage in digits."""
    words = salient_terms("Orra ordered forty trams for three point four billion złoty.")
    assert "3400000000" in words & salient_terms("Zamówienie za 3,4 mld zł.") & salient_terms("a PLN 3,400m order")
    assert "3400000000" in salient_terms("The PLN3.4bn deal.") & salient_terms("worth USD 3.4bn")
    assert "186000000" in salient_terms("Umowa na 186 mln zł.") & salient_terms("one hundred and eighty-six million")
    assert "790000000" in salient_terms("c. EUR 790m")
    assert "9.9percent" in salient_terms("Fares go up nine point nine per cent.") & salient_terms("up 9,9%")
    # a currency code alone is a word, and "6m" of a wall is metres
    assert "pln" in salient_terms("The PLN fell.") and "6m" in salient_terms("a 6m wall")
