"""The quarterly digest: quarter arithmetic, counts against the previous quarter, quotations."""

from pathlib import Path

import pytest
from conftest import external_references
from typer.testing import CliRunner

from review_miner.cli import app
from review_miner.codebook import load_codebook
from review_miner.digest import Quote, build_digest, choose_quotes, render_digest_html, write_digest
from review_miner.errors import ReviewMinerError
from review_miner.pseudonymise import pseudonymise
from review_miner.quarters import last_quarters, latest_quarter, parse_quarter, previous_quarter

BOOK = load_codebook()


def test_quarter_arithmetic_crosses_year_boundaries():
    assert previous_quarter("2023Q1") == "2022Q4"
    assert previous_quarter("2022Q4") == "2022Q3"
    assert last_quarters("2023Q2", 4) == ["2022Q3", "2022Q4", "2023Q1", "2023Q2"]
    assert parse_quarter("2022-q4") == parse_quarter("2022 Q4") == (2022, 4)
    assert latest_quarter(["2022Q4", None, "2023Q1", "not stated", "2021Q2"]) == "2023Q1"
    for bad in ("22Q4", "2022Q5", "Q4 2022", ""):
        with pytest.raises(ReviewMinerError, match="write it like 2022Q4"):
            parse_quarter(bad)


def test_digest_compares_with_the_previous_quarter_across_the_year(coded_store):
    digest = build_digest(coded_store, BOOK)  # the latest quarter: 2023Q1, review f alone
    assert (digest.quarter, digest.previous) == ("2023Q1", "2022Q4")
    headline = digest.headline.set_index("measure")
    assert headline.loc["reviews"].tolist() == [1, 3]  # f; then a, b, e
    assert headline.loc["deaths"].tolist() == [1, 1]
    assert headline.loc["serious harm"].tolist() == [0, 2]
    assert headline.loc["LCSPRs"].tolist() == [0, 0]
    abuse = digest.frequencies.set_index("code").loc["risk.domestic_abuse"]
    assert (abuse["n"], abuse["pct"], abuse["previous_pct"], abuse["change_pp"]) == (1, 100.0, 66.7, 33.3)
    trend = [abuse[f"trend_{q}"] for q in digest.trend_quarters]
    assert digest.trend_quarters == ["2022Q2", "2022Q3", "2022Q4", "2023Q1"]
    assert trend[1:] == [50.0, 66.7, 100.0] and trend[0] is None  # no review in 2022Q2


def test_the_screening_summary_lists_the_quarters_weak_reviews(coded_store):
    digest = build_digest(coded_store, BOOK, "2022Q4")
    assert digest.screening["file"].tolist() == ["a.txt"]  # absent and chronology-heavy; e unscreened


def test_a_quarter_without_reviews_is_refused_with_the_quarters_there_are(coded_store):
    with pytest.raises(ReviewMinerError, match="2022Q3, 2022Q4, 2023Q1"):
        build_digest(coded_store, BOOK, "2021Q1")


def test_quotations_are_pseudonymised_escaped_and_one_per_review(coded_store, tmp_path: Path):
    digest = build_digest(coded_store, BOOK, "2022Q4")
    quotes = digest.quotes["theme.engagement"]
    assert sorted(q.file for q in quotes) == ["a.txt", "b.txt"]  # one each, though both have more
    text = " ".join(q.text for q in quotes)
    for name in ("Harriet", "Quayle", "Tollmere", "Pellbridge"):
        assert name not in text
    assert "[name]" in text and "[place]" in text

    html = render_digest_html(digest)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert external_references(html) == []
    assert "machine codes" in html and "codebook" in html  # the methods note

    plain = build_digest(coded_store, BOOK, "2022Q4", pseudonymised=False)
    assert "Harriet Quayle" in " ".join(q.text for q in plain.quotes["theme.engagement"])
    assert "NOT pseudonymised" in render_digest_html(plain)


def test_pseudonymise_replaces_people_places_partnerships_and_birth_dates():
    text = (
        "Larkfield Safeguarding Children Partnership reviewed the care of Child B (date of birth "
        "04/05/2019). Ms Okafor saw Child B and Mother at Marlowe Street. Her partner Darren Holt "
        "moved from Larkfield in March. Children's Social Care and the Police shared information."
    )
    out = pseudonymise(text, ["Larkfield Safeguarding Children Partnership"])
    for gone in ("Larkfield", "04/05/2019", "Okafor", "Marlowe", "Darren", "Holt"):
        assert gone not in out
    for kept in ("Child B", "Mother", "Children's Social Care", "the Police", "in March"):
        assert kept in out
    assert out.startswith("[partnership] reviewed") and "(date of birth [date of birth])" in out


def quote(file: str, text: str, confidence: float) -> Quote:
    return Quote("theme.engagement", text, file, 1, "Analysis", confidence, f"{file}:0")


def test_choose_quotes_prefers_confident_then_different_passages():
    same = "Visits were cancelled and the family did not engage with the health visitor"
    candidates = [
        quote("a", same + ".", 0.95),
        quote("a", "Another passage of the same review.", 0.94),
        quote("b", same + " again.", 0.93),
        quote("c", "Father's refusal to meet the social worker was never explored.", 0.90),
    ]
    chosen = choose_quotes(candidates, 2)
    assert [q.file for q in chosen] == ["a", "c"]  # b repeats a; a second from a is not allowed
    assert [q.file for q in choose_quotes(candidates, 5)] == ["a", "c", "b"]
    assert choose_quotes([], 3) == []


def test_digest_writes_docx(coded_store, tmp_path: Path):
    from docx import Document

    path = write_digest(build_digest(coded_store, BOOK, "2022Q4"), tmp_path / "d.docx")
    headings = [p.text for p in Document(path).paragraphs if p.style.name.startswith("Heading")]
    assert "Headline counts" in headings and "Methods" in headings
    with pytest.raises(ReviewMinerError, match=".html or .docx"):
        write_digest(build_digest(coded_store, BOOK, "2022Q4"), tmp_path / "d.pdf")


def test_report_and_digest_commands(coded_store, tmp_path: Path):
    runner = CliRunner()
    store = str(coded_store.path)
    result = runner.invoke(app, ["report", "--store", store, "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r" / "report.html").exists() and (tmp_path / "r" / "frequency_by_kind.csv").exists()
    out = tmp_path / "d.html"
    result = runner.invoke(
        app, ["digest", "--store", store, "--quarter", "2022Q4", "--no-pseudonymise", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "digest of 2022Q4 (3 reviews)" in result.output and "Harriet Quayle" in out.read_text()
    result = runner.invoke(app, ["digest", "--store", store, "--quarter", "2022Q9", "--out", str(out)])
    assert result.exit_code == 1 and "write it like 2022Q4" in result.output


def test_digest_lists_the_quarters_topics_without_partnership_places(coded_store):
    from review_miner.records import Topic

    a = next(d for d in coded_store.documents() if d.file == "a.txt")
    c = next(d for d in coded_store.documents() if d.file == "c.txt")
    first = coded_store.passages(a.doc_id)[2].passage_id
    other = coded_store.passages(c.doc_id)[2].passage_id  # 2022Q3: not in 2022Q4's count
    topic = Topic(0, "larkfield, visits, cancelled", (), 2, "theme.engagement", 0.5, (first,))
    coded_store.save_topics("k", {}, [topic], {first: 0, other: 0}, "1 topic")
    digest = build_digest(coded_store, BOOK, "2022Q4")
    assert digest.topics == [
        {"topic": 0, "label": "[place], visits, cancelled", "passages_this_quarter": 1,
         "passages_in_all": 2,
         "nearest_code": "Working with families where engagement is reluctant and sporadic"}
    ]  # fmt: skip
    assert build_digest(coded_store, BOOK, "2022Q4", pseudonymised=False).topics[0]["label"] == (
        "larkfield, visits, cancelled"
    )


def test_chronology_paragraphs_are_not_quoted(coded_store):
    a = next(d for d in coded_store.documents() if d.file == "a.txt")
    first = [p for p in coded_store.passages(a.doc_id) if p.kind == "paragraph"][0]
    before = build_digest(coded_store, BOOK, "2022Q4").quotes["theme.engagement"]
    assert first.passage_id in {q.passage_id for q in before}  # the most confident passage
    coded_store.save_screening({first.passage_id: "chronology"}, [])  # as the screen classes it
    quotes = build_digest(coded_store, BOOK, "2022Q4").quotes["theme.engagement"]
    assert first.passage_id not in {q.passage_id for q in quotes}
    assert "a.txt" in {q.file for q in quotes}  # its analysis paragraph instead


def test_a_dated_chronology_entry_is_not_quoted_even_unscreened():
    from review_miner.digest import quotable

    learning = "Practitioners accepted the account of the injury without seeing the child alone."
    assert quotable(learning, None) and quotable(learning, "analysis")
    for dated in (
        "14/06/2021 - The health visitor called at the flat; nobody answered the door.",
        "2 March 2021: Mother missed the second antenatal appointment at the clinic.",
        "On 5th May 2020 the school nurse saw the child about a bruise to her arm.",
    ):
        assert not quotable(dated, None), dated
    for paragraph_class in ("chronology", "other", "recommendation"):
        assert not quotable(learning, paragraph_class)


def test_an_unpseudonymised_digest_does_not_claim_to_be_pseudonymised(coded_store):
    plain = render_digest_html(build_digest(coded_store, BOOK, "2022Q4", pseudonymised=False))
    assert "NOT pseudonymised" in plain and "pseudonymised by" not in plain
    assert "[name]" not in plain.split("<h2>")[0]  # no promise of placeholders either
    masked = render_digest_html(build_digest(coded_store, BOOK, "2022Q4"))
    assert "NOT pseudonymised" not in masked and "[name]" in masked.split("<h2>")[0]


def test_html_and_docx_digests_have_the_same_sections(coded_store, tmp_path: Path):
    import re

    from docx import Document

    digest = build_digest(coded_store, BOOK, "2022Q4", pseudonymised=False)
    html = render_digest_html(digest)
    html_sections = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2>(.*?)</h2>", html)]
    html_sections = [h.replace("&#39;", "'") for h in html_sections]
    path = write_digest(digest, tmp_path / "d.docx")
    paragraphs = Document(path).paragraphs
    docx_sections = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert html_sections == docx_sections
    assert "In the reviews' words" in docx_sections
    assert any("NOT pseudonymised" in p.text for p in paragraphs)
    assert not any("pseudonymised by" in p.text for p in paragraphs)
