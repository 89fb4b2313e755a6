"""Encoding repair: the ISO-8859-7 damage with dropped C1 bytes, classic mojibake, and text left alone."""

from __future__ import annotations

from guancha.textrepair import REPLACEMENT, RepairLog, decode_report_bytes, looks_greek_damaged, repair_text


def greek_damage(text: str) -> str:
    """Reproduce the export damage: UTF-8 bytes read as ISO-8859-7, bytes it cannot show dropped."""
    out = []
    for byte in text.encode("utf-8"):
        if 0x80 <= byte <= 0x9F:
            continue
        try:
            out.append(bytes([byte]).decode("iso8859_7"))
        except UnicodeDecodeError:
            continue
    return "".join(out)


def test_flags_dashes_and_middle_dot_are_restored_exactly() -> None:
    original = "🇯🇵 Japan Robotics · 2026-04-03\nPort cranes — learned control — twelve berths.\n🇩🇪 and 🇧🇷 too."
    damaged = greek_damage(original)
    assert "β" in damaged and "🇯" not in damaged
    fixed, log = repair_text(damaged)
    assert fixed == original
    kinds = {r.kind: r for r in log.as_list()}
    assert kinds["flag-restored"].count == 6
    assert kinds["em-dash-restored"].count == 2
    assert kinds["greek-mojibake"].examples[0] == ("Β·", "·")


def test_unrecoverable_characters_are_marked_and_logged() -> None:
    # 港 (E6 B8 AF) survives; 观 (E8 A7 82) loses its last byte; 🛡 (F0 9F 9B A1) loses two
    damaged = greek_damage("Harbor 港观 report 🛡 shield")
    fixed, log = repair_text(damaged + " — " + greek_damage("— a — b — c"))
    assert "港" in fixed
    assert REPLACEMENT in fixed
    unrecoverable = [r for r in log.as_list() if not r.recoverable]
    assert unrecoverable and unrecoverable[0].count >= 2


def test_genuine_greek_and_clean_text_are_left_alone() -> None:
    greek = "Η ομάδα δημοσίευσε τα αποτελέσματα της δοκιμής στο λιμάνι."
    assert not looks_greek_damaged(greek)
    assert repair_text(greek)[0] == greek
    clean = "Plain text with an em dash — and a flag 🇫🇷."
    fixed, log = repair_text(clean)
    assert fixed == clean and not log


def test_classic_cp1252_mojibake_is_fixed_per_line() -> None:
    broken = "first line\nThe cafÃ© said â€œhelloâ€\u009d â€” twice\nlast line"
    fixed, log = repair_text(broken)
    lines = fixed.split("\n")
    assert len(lines) == 3
    assert lines[1] == "The café said “hello” — twice"
    assert log.repairs["mojibake"].count == 1


def test_decode_report_bytes_falls_back_and_logs() -> None:
    log = RepairLog()
    text = decode_report_bytes("naïve — test".encode("cp1252"), log)
    assert text == "naïve — test"
    assert "decoded-as-cp1252" in log.repairs
    assert decode_report_bytes(b"\xef\xbb\xbfhello") == "hello"


def test_beta_in_ordinary_text_is_not_taken_for_damage() -> None:
    text = "In β decay the β particle is an electron; set α = 0.5 and β = 0.3 for the fit, then β again."
    assert not looks_greek_damaged(text)
    assert repair_text(text)[0] == text
    # but a text that is nothing but damaged dashes is repaired
    damaged = greek_damage("one — two — three — four — five — six")
    assert looks_greek_damaged(damaged)
    assert repair_text(damaged)[0] == "one — two — three — four — five — six"


def test_badness_pretest_never_changes_ftfys_answer() -> None:
    """The cheap pre-test before ftfy's badness scan only skips lines the scan could not flag: on mojibake
    of every kind ftfy knows, on clean text full of dashes, arrows and emoji, and on random mixtures of the
    characters the scan looks for, is_mojibake says exactly what ftfy's is_bad says."""
    import random

    import ftfy.badness

    from guancha.textrepair import badness_pretest, is_mojibake

    pretest = badness_pretest()
    assert pretest is not None, "the installed ftfy's badness pattern could not be read"
    samples = [
        "Caf\u00c3\u00a9 prices rose \u00e2\u20ac\u201d again",  # UTF-8 read as cp1252
        "The \u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d word",
        "\u0432\u0402\u201d Windows-1251 damage",
        "Clean text \u2014 with an em dash, \u2192 arrows, \U0001f9e0 emoji and \u2500\u2500 rules",
        "Na\u00efve caf\u00e9 in Z\u00fcrich \u2014 fine",
        "\u0391\u03b8\u03ae\u03bd\u03b1 \u03ba\u03b1\u03b9 \u03b2\u03ae\u03c4\u03b1",
    ]
    categories = "".join(ftfy.badness.MOJIBAKE_CATEGORIES.values()).replace("\\x80-\\x9f", "\x80\x9f")
    alphabet = categories + "abcXYZ .,!?\u2014\u2019\u201c\u2192\U0001f9e0 \u00c3\u00c2\u00e2\u20ac\u0153"
    rng = random.Random(13)
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    flagged = 0
    for text in samples:
        expected = not text.isascii() and ftfy.badness.is_bad(text)
        flagged += expected
        assert is_mojibake(text) == expected, repr(text)
    assert flagged > 100 and pretest.search(samples[0])  # the samples do exercise both answers


def test_misdeclared_central_european_bytes_are_read_as_their_letters_and_western_ones_stay_western() -> None:
    """A Polish wire served as utf-8 whose bytes are ISO-8859-2: windows-1252 read "Zwi±zek", "Pasa¿erskie"."""
    from guancha.textrepair import decode_web_bytes

    polish = "Związek Zawodowy Maszynistów i Narodowe Koleje Pasażerskie; prezes Tadeusz Barański".encode("iso-8859-2")
    decoded = decode_web_bytes(polish, "text/html; charset=utf-8")
    assert "Związek" in decoded.text and "Pasażerskie" in decoded.text and decoded.used == "iso-8859-2"
    western = "Café naïve « quote » “smart” it’s 50°C, 3×4, a±b, São Paulo, Œuvre".encode("cp1252")
    assert decode_web_bytes(western, "text/html; charset=utf-8").used == "cp1252"
