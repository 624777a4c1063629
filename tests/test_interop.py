"""Researcher interop: REFI-QDA export checked against the schemas and beyond, import of a
foreign project with hand-made codings, the round trip, agreement figures against values
worked out by hand, coding queues and training on a person's coding. The hashing stand-in
replaces the embedding model here."""

import io
import math
import re
import uuid
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import numpy as np
import pytest
import xmlschema
from conftest import DATA, MINI, ROOT

from review_miner.codebook import load_codebook
from review_miner.embed import HashingEncoder
from review_miner.errors import ReviewMinerError
from review_miner.ingest import ingest
from review_miner.interop.agreement import (
    agreement,
    cohen_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
)
from review_miner.interop.codings import (
    MACHINE,
    Coding,
    coded_from_store,
    coder_scope,
    save_codings,
)
from review_miner.interop.qdpx import codebook_qdc, export_project
from review_miner.interop.qdpx_import import import_project
from review_miner.interop.refi import SCHEMAS, audit, guid
from review_miner.interop.suggest import suggest, thresholds
from review_miner.records import Tag
from review_miner.tag import load_setup, tag_store, train

NS = {"q": "urn:QDA-XML:project:1.0"}
SHARED = ROOT.parent / "shared" / "refi-qda"


@pytest.fixture
def setup(mini_setup):
    return mini_setup


@pytest.fixture
def tagged(store, setup):
    """A store holding two fictional reviews, tagged by the machine."""
    ingest([DATA / "good.txt", DATA / "good.docx"], store, workers=1)
    tag_store(store, setup)
    return store


def project_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


def paragraphs(store, file: str = "good.txt"):
    doc = next(d for d in store.documents() if d.file == file)
    return {p.index: p for p in store.passages(doc.doc_id)}, doc


# Export --------------------------------------------------------------------------------------


def test_interop_packaged_schemas_are_the_shared_ones():
    if not SHARED.is_dir():
        pytest.skip("no shared/refi-qda beside the repository")
    for name in ("Project.xsd", "Codebook.xsd"):
        assert (SCHEMAS / name).read_bytes() == (SHARED / name).read_bytes()


def test_interop_export_is_valid_complete_and_byte_identical(tagged, setup, tmp_path: Path):
    first = export_project(tagged, setup.codebook, tmp_path / "a.qdpx")
    export_project(tagged, setup.codebook, tmp_path / "b.qdpx")
    data = (tmp_path / "a.qdpx").read_bytes()
    assert data == (tmp_path / "b.qdpx").read_bytes()
    assert audit(data) == []
    xml = project_xml(tmp_path / "a.qdpx")
    xmlschema.XMLSchema(str(SCHEMAS / "Project.xsd")).validate(io.BytesIO(xml))
    with zipfile.ZipFile(tmp_path / "a.qdpx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "project.qde"
        texts = {n: archive.read(n).decode("utf-8") for n in archive.namelist()[1:]}

    root = ET.fromstring(xml)
    # Codes nested by frame, frames not codable, each code described.
    frames = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [f.get("isCodable") for f in frames] == ["false", "false"]
    nested = [c for f in frames for c in f.findall("q:Code", NS)]
    assert {c.get("guid") for c in nested} == {guid("code", c) for c in setup.codebook.ids}
    assert all(c.find("q:Description", NS).text for c in nested)

    # Every combined present tag is one selection whose offsets slice to its evidence.
    wanted = {(t.passage_id, t.code): t for t in tagged.tags("combined") if not t.negated}
    assert first.codings == len(wanted) > 0
    passages = {p.passage_id: p for p in tagged.passages()}
    documents = {d.doc_id: d for d in tagged.documents()}
    seen = 0
    for source in root.iterfind("q:Sources/q:TextSource", NS):
        text = texts["sources/" + source.get("plainTextPath").removeprefix("internal://")]
        doc_id = next(d for d in documents if guid("document", d) == source.get("guid"))
        assert text == documents[doc_id].text
        for selection in source.iterfind("q:PlainTextSelection", NS):
            pid = selection.find("q:Description", NS).text.split("passage ")[1].rstrip(")")
            code = next(
                c
                for c in setup.codebook.ids
                if guid("code", c) == selection.find("q:Coding/q:CodeRef", NS).get("targetGUID")
            )
            tag, passage = wanted[(pid, code)], passages[pid]
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert text[start:end] == passage.text[tag.start : tag.end]
            assert re.fullmatch(
                r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", selection.get("creationDateTime")
            )
            seen += 1
    assert seen == len(wanted)

    # Cases carry the variables, by reference to declared variables and sources.
    cases = root.findall("q:Cases/q:Case", NS)
    assert len(cases) == 2
    variables = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", NS)}
    case = next(c for c in cases if c.get("name") == "good.txt")
    values = {
        variables[v.find("q:VariableRef", NS).get("targetGUID")]: v.find("q:TextValue", NS).text
        for v in case.iterfind("q:VariableValue", NS)
    }
    assert values["kind"] == "rapid_review" and values["quarter"] == "2022Q4"
    assert values["age band"] == "under 1"  # Child Z is four months old


@pytest.mark.parametrize("years", [0.3, 1, 4.9, 5, 9, 10, 14, 15, 17.5, 19, None])
def test_qdpx_age_bands_are_the_reports(years):
    """A researcher cutting by age in NVivo gets the report's groups (the Panel's)."""
    from review_miner.interop.qdpx import VARIABLES
    from review_miner.interop.qdpx import age_band as case_band
    from review_miner.report.frequency import UNKNOWN
    from review_miner.report.frequency import age_band as report_band

    assert (case_band(years) or UNKNOWN) == report_band(years)
    description = next(d for name, _, d in VARIABLES if name == "age band")
    assert "1-4, 5-9, 10-14, 15-17" in description


def test_interop_audit_finds_what_the_schema_does_not(tagged, setup, tmp_path: Path):
    export_project(tagged, setup.codebook, tmp_path / "a.qdpx")
    xml = project_xml(tmp_path / "a.qdpx").decode()
    code_guid = re.search(r'<CodeRef targetGUID="([^"]+)"', xml)[1]  # a code in use
    broken = xml.replace(f'targetGUID="{code_guid}"', f'targetGUID="{uuid.uuid4()}"', 1)
    broken = re.sub(r'endPosition="\d+"', 'endPosition="999999"', broken, count=1)
    broken = broken.replace("<Variables>", "<Sets />\n  <Variables>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(tmp_path / "a.qdpx") as old, zipfile.ZipFile(buffer, "w") as new:
        for name in old.namelist():
            new.writestr(name, broken if name == "project.qde" else old.read(name))
    problems = audit(buffer.getvalue())
    assert any("CodeRef" in p and "no Code" in p for p in problems)
    assert any("outside text" in p for p in problems)
    assert "empty <Sets/>" in problems


def test_interop_codebook_qdc_is_valid_and_shares_the_project_guids():
    book = load_codebook(ROOT / "codebooks")
    xml = codebook_qdc(book)
    xmlschema.XMLSchema(str(SCHEMAS / "Codebook.xsd")).validate(io.BytesIO(xml))
    root = ET.fromstring(xml)
    ns = {"c": "urn:QDA-XML:codebook:1.0"}
    frames = root.findall("c:Codes/c:Code", ns)
    assert len(frames) == len(book.frames)
    codes = [c for f in frames for c in f.findall("c:Code", ns)]
    assert [c.get("guid") for c in codes] == [guid("code", c.id) for c in book.codes]
    assert codebook_qdc(book) == xml


# Import --------------------------------------------------------------------------------------


def foreign_project(path: Path, text: str, spans: dict[str, tuple[int, int, str]]) -> None:
    """A project as another tool might write it: its own GUIDs, a BOM and CRLF line ends,
    codes named by label or id, a code and a source review_miner does not know."""

    def crlf(position: int) -> int:  # the tool counts the '\r' it added before each '\n'
        return position + text[:position].count("\n")

    ids = {name: str(uuid.uuid4()) for name in ("da", "alcohol", "frame", "housing", "src")}
    selections = "".join(
        f'<PlainTextSelection guid="{uuid.uuid4()}" startPosition="{crlf(s)}" '
        f'endPosition="{crlf(e)}">'
        f'<Coding guid="{uuid.uuid4()}" creatingUser="{ids["src"]}">'
        f'<CodeRef targetGUID="{code}"/></Coding>'
        "</PlainTextSelection>"
        for s, e, code in spans.values()
    )
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="coded by hand">
<Users><User guid="{ids["src"]}" name="Researcher B"/></Users>
<CodeBook><Codes>
  <Code guid="{ids["frame"]}" name="Risk factors" isCodable="false">
    <Code guid="{ids["da"]}" name="Domestic abuse" isCodable="true"/>
    <Code guid="{ids["alcohol"]}" name="risk.parental_alcohol_misuse" isCodable="true"/>
  </Code>
  <Code guid="{guid("code", "theme.engagement")}" name="Engagement (renamed)" isCodable="true"/>
  <Code guid="{ids["housing"]}" name="Housing" isCodable="true"/>
</Codes></CodeBook>
<Sources>
  <TextSource guid="{uuid.uuid4()}" name="Child Z.txt" plainTextPath="internal://childz.txt">
    {selections}
  </TextSource>
  <PDFSource guid="{uuid.uuid4()}" name="scan.pdf" path="internal://scan.pdf"/>
  <TextSource guid="{uuid.uuid4()}" name="notes">
    <PlainTextContent>My notes on the panel meeting.</PlainTextContent>
  </TextSource>
</Sources>
</Project>"""
    for name, key in (("DA", "da"), ("ALCOHOL", "alcohol"), ("FRAME", "frame")):
        xml = xml.replace(f'targetGUID="{name}"', f'targetGUID="{ids[key]}"')
    xml = xml.replace('targetGUID="HOUSING"', f'targetGUID="{ids["housing"]}"')
    xml = xml.replace('targetGUID="ENGAGEMENT"', f'targetGUID="{guid("code", "theme.engagement")}"')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        archive.writestr(
            "sources/childz.txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
        )


def test_interop_import_maps_a_hand_coded_foreign_project(store, setup, tmp_path: Path):
    ingest([DATA / "good.txt"], store, workers=1)
    by_index, doc = paragraphs(store)
    text = doc.text
    four = text.index("four months old")
    across = (text.index("safeguarding", by_index[10].start), by_index[12].start + 20)
    spans = {
        "on one paragraph": (four, four + len("four months old"), "DA"),
        "over two paragraphs and a heading": (*across, "ENGAGEMENT"),
        "on a heading only": (by_index[4].start, by_index[4].end, "ALCOHOL"),
        "a code not in the codebook": (by_index[7].start, by_index[7].end, "HOUSING"),
        "a frame": (by_index[7].start, by_index[7].start + 5, "FRAME"),
        "beyond the text": (by_index[14].start, len(text) + 50, "DA"),
    }
    foreign_project(tmp_path / "hand.qdpx", text, spans)
    summary = import_project(store, setup.codebook, tmp_path / "hand.qdpx", "B")

    assert summary.sources == [("Child Z.txt", "good.txt")]
    assert summary.users == {"Researcher B": 3}
    got = {(c.passage_id, c.code, c.start, c.end, c.doc_start, c.doc_end) for c in summary.codings}
    p5, p10, p12 = by_index[5], by_index[10], by_index[12]
    assert got == {
        (
            p5.passage_id,
            "risk.domestic_abuse",
            four - p5.start,
            four - p5.start + 15,
            four,
            four + 15,
        ),
        (p10.passage_id, "theme.engagement", across[0] - p10.start, len(p10.text), *across),
        (p12.passage_id, "theme.engagement", 0, 20, *across),
    }
    assert p5.text[four - p5.start : four - p5.start + 15] == "four months old"
    reasons = sorted(u.reason.split(" (")[0].split(":")[0] for u in summary.unmapped)
    assert len(summary.unmapped) == 6
    assert any("covers no paragraph" in r for r in reasons)
    assert any("'Housing' is not in the codebook" in r for r in reasons)
    assert any("is a frame" in r for r in reasons)
    assert any("outside the text" in r for r in reasons)
    assert any(
        u.what == "source 'scan.pdf'" and "only text sources" in u.reason for u in summary.unmapped
    )
    assert any(
        u.what == "source 'notes'" and "matches no stored" in u.reason for u in summary.unmapped
    )
    # Every paragraph of the review is B's, coded or not.
    assert coder_scope(store, "B") == {
        p.passage_id for p in by_index.values() if p.kind == "paragraph"
    }


def test_interop_import_refuses_what_is_not_a_project(store, setup, tmp_path: Path):
    ingest([DATA / "good.txt"], store, workers=1)
    (tmp_path / "x.qdpx").write_text("not a zip")
    with pytest.raises(ReviewMinerError, match=r"x.qdpx: not a .qdpx file \(not a zip"):
        import_project(store, setup.codebook, tmp_path / "x.qdpx", "B")
    with zipfile.ZipFile(tmp_path / "y.qdpx", "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ReviewMinerError, match="y.qdpx: no project.qde inside"):
        import_project(store, setup.codebook, tmp_path / "y.qdpx", "B")
    with pytest.raises(ReviewMinerError, match="the machine's name"):
        import_project(store, setup.codebook, tmp_path / "y.qdpx", MACHINE)


def test_interop_round_trip_agrees_perfectly_with_the_machine(tagged, setup, tmp_path: Path):
    export_project(tagged, setup.codebook, tmp_path / "machine.qdpx")
    summary = import_project(tagged, setup.codebook, tmp_path / "machine.qdpx", "X")
    assert summary.unmapped == [] and len(summary.sources) == 2
    table = agreement(tagged, ["X", MACHINE])
    assert set(table["level"]) == {"passage", "review"}
    assert np.allclose(table["agreement"], 1.0) and np.allclose(table["ac1"], 1.0)
    pooled = table[(table["code"] == "(all codes)") & (table["level"] == "passage")].iloc[0]
    assert (pooled["kappa"], pooled["alpha"]) == (pytest.approx(1.0), pytest.approx(1.0))
    assert pooled["units"] == len(coder_scope(tagged, MACHINE)) * (len(table) // 2 - 1)
    # Importing the same coder again replaces, never doubles.
    import_project(tagged, setup.codebook, tmp_path / "machine.qdpx", "X")
    assert agreement(tagged, ["X", MACHINE]).equals(table)


def test_interop_crlf_and_bom_sources_keep_their_offsets(store, setup, tmp_path: Path):
    ingest([DATA / "good.txt"], store, workers=1)
    by_index, doc = paragraphs(store)
    last = by_index[14]  # after thirteen line ends: CRLF shifts it by 26 characters or more
    foreign_project(tmp_path / "p.qdpx", doc.text, {"x": (last.start, last.end, "DA")})
    summary = import_project(store, setup.codebook, tmp_path / "p.qdpx", "C")
    [coding] = summary.codings
    assert (coding.passage_id, coding.start, coding.end) == (last.passage_id, 0, len(last.text))


# Agreement -----------------------------------------------------------------------------------


def test_agreement_statistics_match_values_worked_out_by_hand():
    a = np.array([1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    b = np.array([1, 1, 0, 1, 0, 0, 0, 0, 0, 0])
    # 8 of 10 units agree (two 1-1, six 0-0).
    assert percent_agreement(np.vstack([a, b])) == pytest.approx(0.8)
    # Cohen: each coder says 1 on 3 of 10; chance = 0.3*0.3 + 0.7*0.7 = 0.58;
    # kappa = (0.8 - 0.58) / (1 - 0.58) = 0.22 / 0.42.
    assert cohen_kappa(a, b) == pytest.approx(0.22 / 0.42)
    # Krippendorff (nominal): 20 values, six 1s and fourteen 0s; the two disagreeing units
    # give 4 disagreeing ordered pairs; alpha = 1 - (20 - 1) * 4 / (2 * 14 * 6) = 92 / 168.
    assert krippendorff_alpha(np.vstack([a, b])) == pytest.approx(92 / 168)
    # Gwet's AC1: mean share of 1s pi = 0.3; chance = 2 * 0.3 * 0.7 = 0.42;
    # AC1 = (0.8 - 0.42) / (1 - 0.42) = 0.38 / 0.58.
    assert gwet_ac1(np.vstack([a, b])) == pytest.approx(0.38 / 0.58)


def test_agreement_on_a_rare_code_kappa_collapses_and_ac1_does_not():
    a = np.array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    b = np.zeros(10, dtype=int)
    # 9 of 10 agree. Cohen: chance = 0.1 * 0 + 0.9 * 1 = 0.9, kappa = (0.9 - 0.9) / 0.1 = 0.
    assert cohen_kappa(a, b) == pytest.approx(0.0)
    # Krippendorff: one 1 among 20 values, 2 disagreeing pairs: 1 - 19 * 2 / (2 * 19 * 1) = 0.
    assert krippendorff_alpha(np.vstack([a, b])) == pytest.approx(0.0)
    # AC1: pi = 1/20 = 0.05, chance = 2 * 0.05 * 0.95 = 0.095; (0.9 - 0.095) / 0.905.
    assert gwet_ac1(np.vstack([a, b])) == pytest.approx(0.805 / 0.905)
    # One value throughout: kappa and alpha are undefined, not 1.
    same = np.zeros((2, 5), dtype=int)
    assert math.isnan(cohen_kappa(same[0], same[1])) and math.isnan(krippendorff_alpha(same))


def test_agreement_three_coders_match_values_worked_out_by_hand():
    ratings = np.array([[1, 0, 1, 0], [1, 0, 1, 0], [1, 0, 0, 0]])
    # Only unit 3 splits: 3 of 4 units agree.
    assert percent_agreement(ratings) == pytest.approx(0.75)
    # Krippendorff: 12 values, five 1s, seven 0s; unit 3 (1, 1, 0) gives 4 disagreeing
    # ordered pairs, each weighted 1 / (3 - 1): 2 in all; 1 - 11 * 2 / (2 * 7 * 5) = 48 / 70.
    assert krippendorff_alpha(ratings) == pytest.approx(48 / 70)
    # AC1: pairwise agreement per unit 1, 1, 1/3, 1 -> 10/12; pi(1) = (1 + 0 + 2/3 + 0) / 4
    # = 5/12; chance = 2 * 5/12 * 7/12 = 70/144; AC1 = (120/144 - 70/144) / (74/144) = 50/74.
    assert gwet_ac1(ratings) == pytest.approx(50 / 74)


def test_agreement_units_are_the_shared_passages_and_uncoded_counts_as_absent(store):
    ingest([DATA / "good.txt"], store, workers=1)
    by_index, _ = paragraphs(store)
    p = {i: by_index[i].passage_id for i in (5, 7, 10, 12, 14)}
    machine = [
        Tag(p[5], "risk.domestic_abuse", "combined", 0.9, 0, 5),
        Tag(p[7], "risk.domestic_abuse", "combined", 0.3, 0, 5, negated=True),
        Tag(p[10], "risk.domestic_abuse", "combined", 0.7, 0, 5),
        Tag(p[12], "theme.engagement", "combined", 0.8, 0, 5),
        Tag(p[14], "theme.engagement", "combined", 0.8, 0, 5),  # outside A's passages
    ]
    store.save_tags("hand", [x.passage_id for x in store.passages()], machine)

    def coding(i: int, code: str) -> Coding:
        return Coding("A", p[i], code, 0, 5, by_index[i].start, by_index[i].start + 5, f"s{i}")

    save_codings(
        store,
        "A",
        [p[5], p[7], p[10], p[12]],
        [
            coding(5, "risk.domestic_abuse"),
            coding(7, "risk.domestic_abuse"),
            coding(12, "theme.engagement"),
        ],
        "hand",
    )
    table = agreement(store, ["A", MACHINE]).set_index(["level", "code"])
    # Units p5, p7, p10, p12. Domestic abuse: A 1 1 0 0, machine 1 0 1 0 (negated is not
    # present; A's uncoded p10 is a 0): 2 of 4 agree; chance 0.5 * 0.5 + 0.5 * 0.5 = 0.5,
    # kappa 0.
    abuse = table.loc[("passage", "risk.domestic_abuse")]
    assert (abuse["units"], abuse["agreement"], abuse["kappa"]) == (4, 0.5, 0.0)
    assert table.loc[("passage", "theme.engagement"), "agreement"] == 1.0
    # Pooled: 8 pairs, 6 agree; each says 1 three times: chance (3/8)^2 + (5/8)^2 = 34/64;
    # kappa = (48/64 - 34/64) / (30/64) = 14/30.
    pooled = table.loc[("passage", "(all codes)")]
    assert pooled["agreement"] == 0.75 and pooled["kappa"] == pytest.approx(14 / 30)
    # Review level: one review, both say it carries both codes.
    review = table.loc[("review", "risk.domestic_abuse")]
    assert (review["units"], review["agreement"]) == (1, 1.0) and math.isnan(review["kappa"])


def test_agreement_needs_two_coders(tagged):
    with pytest.raises(ReviewMinerError, match="agreement needs two coders"):
        agreement(tagged)
    with pytest.raises(ReviewMinerError, match="no coding by Z"):
        agreement(tagged, ["Z", MACHINE])


# Suggest and train ---------------------------------------------------------------------------


def test_suggest_queues_the_least_certain_uncoded_passages(tagged, setup, tmp_path: Path):
    by_index, _ = paragraphs(tagged)
    save_codings(tagged, "A", [by_index[5].passage_id], [], "hand")
    queue = suggest(tagged, setup, n=4)
    assert list(queue["rank"]) == [1, 2, 3, 4]
    assert list(queue["margin"]) == sorted(queue["margin"])
    assert by_index[5].passage_id not in set(queue["passage_id"])
    limits = dict(zip(setup.codebook.ids, thresholds(setup), strict=True))
    for _, row in queue.iterrows():
        assert row["margin"] == pytest.approx(
            abs(row["probability"] - limits[row["code"]]), abs=1e-3
        )
        assert row["machine"] == ("present" if row["probability"] >= row["threshold"] else "absent")
    everything = suggest(tagged, setup, n=10_000)
    assert everything["margin"].iloc[3] <= everything["margin"].iloc[4:].min()

    summary = export_project(tagged, setup.codebook, tmp_path / "q.qdpx", list(queue["passage_id"]))
    data = (tmp_path / "q.qdpx").read_bytes()
    assert summary.sources == 4 and summary.codings == 0 and audit(data) == []
    xmlschema.XMLSchema(str(SCHEMAS / "Project.xsd")).validate(
        io.BytesIO(project_xml(tmp_path / "q.qdpx"))
    )
    # The queue comes back as passages of the coder's.
    back = import_project(tagged, setup.codebook, tmp_path / "q.qdpx", "Q")
    assert sorted(target for _, target in back.sources) == sorted(queue["passage_id"])
    assert coder_scope(tagged, "Q") == set(queue["passage_id"])


def test_suggest_leaves_out_codes_the_negation_veto_keeps_negated(tagged, setup, monkeypatch):
    from review_miner.interop import suggest as suggesting

    real = suggesting.score_items

    def vetoing_everything(items, setup, vectors):
        scores, tags = real(items, setup, vectors)
        scores.vetoed = np.ones_like(scores.rules, dtype=bool)
        return scores, tags

    assert len(suggest(tagged, setup, n=10_000)) > 0
    monkeypatch.setattr(suggesting, "score_items", vetoing_everything)
    assert suggest(tagged, setup, n=10_000).empty  # a vetoed code is never present


def test_train_from_a_coder_reads_their_passages_and_codes(store, setup, tmp_path: Path):
    ingest([DATA / "good.txt"], store, workers=1)
    by_index, _ = paragraphs(store)
    given = [p.passage_id for p in by_index.values() if p.kind == "paragraph"]
    coded_by_a = [by_index[i] for i in (5, 7, 12)]
    save_codings(
        store,
        "A",
        given,
        [
            Coding(
                "A", p.passage_id, "risk.domestic_abuse", 0, 5, p.start, p.start + 5, f"s{p.index}"
            )
            for p in coded_by_a
        ],
        "hand",
    )
    coded = coded_from_store(store, "A")
    assert [item.id for item in coded.items] == sorted(given)
    codes = dict(zip([item.id for item in coded.items], coded.codes, strict=True))
    assert codes[by_index[5].passage_id] == {"risk.domestic_abuse"}
    assert codes[by_index[10].passage_id] == set()
    assert sum(1 for c in coded.codes if c) == 3
    fresh = load_setup(MINI, models=tmp_path, encoder=HashingEncoder(), with_models=False)
    card = train(coded, fresh, tmp_path, source="store#A")
    assert card["training_data"]["passages"] == len(given)
    with pytest.raises(ReviewMinerError, match="no coding by 'Nobody'"):
        coded_from_store(store, "Nobody")
