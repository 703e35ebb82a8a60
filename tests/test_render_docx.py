"""The Word renderer: structure, styles, fields, metadata, reproducibility and hostile input."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from briefgen.errors import TemplateError
from briefgen.extract.text import paragraphs as text_paragraphs
from briefgen.model import Brief, Item, Paragraph, Section, Source
from briefgen.render import docx as render_docx
from briefgen.render import render
from briefgen.render.docx_check import find_split_tags, run_tags
from briefgen.render.docx_fields import bookmark_name
from briefgen.render.pages import anchor_pages
from briefgen.template import Template
from tests.sample import sample_brief

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
NAMES = ("briefing-note", "talking-points")
HOSTILE = "<script>alert(1)</script> & {{ 7*7 }} {% for x in y %} {_{ z }_}\x00\x0b\x07end"


def template(name: str) -> Template:
    return Template(name=name, path=TEMPLATES / name)


@cache
def rendered(name: str, draft: bool = False) -> bytes:
    return render_docx.render(sample_brief(draft=draft), template(name))


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def styled(document: docx.document.Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def styled_paragraphs(document: docx.document.Document, style: str) -> list:
    return [p for p in document.paragraphs if p.style.name == style]


def body_text(document: docx.document.Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def one_paragraph_template(tmp_path: Path, *runs: str) -> Template:
    """A template folder whose brief.docx is one paragraph made of the given runs."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    for text in runs:
        paragraph.add_run(text)
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    document.save(folder / "brief.docx")
    return Template(name="tpl", path=folder)


@pytest.mark.parametrize("name", NAMES)
def test_uses_word_built_in_styles(name: str) -> None:
    used = {p.style.name for p in open_docx(rendered(name)).paragraphs}
    assert {"Title", "Subtitle", "Heading 1", "List Bullet", "Caption"} <= used
    if name == "briefing-note":
        assert {"Heading 2", "Item", "List Bullet 2", "TOC Heading", "toc 1"} <= used


def test_headings_follow_the_sections() -> None:
    brief = sample_brief()
    document = open_docx(rendered("briefing-note"))
    assert styled(document, "Heading 1") == [s.title for s in brief.sections]
    assert styled(document, "Heading 1 Unnumbered") == ["Sources cited"]
    topics = [t for s in brief.sections for t, _ in s.topics if t]
    assert styled(document, "Heading 2") == topics
    assert styled(document, "Title") == [brief.info.title]


def test_talking_points_card_has_headlines_by_section_and_no_toc() -> None:
    brief = sample_brief()
    document = open_docx(rendered("talking-points"))
    shown = [s for s in brief.sections if s.type != "sources" and (s.items or s.paragraphs)]
    assert styled(document, "Heading 1") == [s.title for s in shown]  # the empty one is left out
    bullets = styled(document, "List Bullet")
    for item in (i for s in brief.sections for i in s.items):
        assert any(b.startswith(item.headline) for b in bullets)
    assert "IOM closing remarks, IDM 2018" in styled(document, "Caption")  # once, under heading
    assert any(b.endswith("effective policy-making. (para.\u00a021, p.\u00a02)") for b in bullets)
    assert "Sources: IOM closing remarks, IDM 2018 (27 March 2018);" in body_text(document)
    assert b"instrText" not in zipfile.ZipFile(io.BytesIO(rendered("talking-points"))).read(
        "word/document.xml"
    )


def test_items_are_numbered_with_headline_rest_citation_and_subitems() -> None:
    document = open_docx(rendered("briefing-note"))
    first = styled_paragraphs(document, "Item")[0]
    by_style = {style: "".join(r.text for r in first.runs if r.style.name == style)
                for style in ("Item Number", "Headline", "Citation Link")}
    assert first.text.startswith("2.1\tGlobal dialogue")
    assert by_style["Item Number"] == "2.1"
    assert by_style["Headline"].startswith("Global dialogue")
    assert by_style["Headline"].endswith("paramount to success.")
    assert first.text.count("paramount to success.") == 1  # headline not repeated
    assert first.text.endswith("in the GMC.[1]") and by_style["Citation Link"] == "[1]"
    assert styled(document, "List Bullet 2")[1] == "Voluntary return should be preferred."


def test_citations_listed_at_the_end() -> None:
    brief = sample_brief()
    text = body_text(open_docx(rendered("briefing-note")))
    tail = text[text.rindex("Sources cited") :]
    for citation in brief.citations:
        assert f"[{citation.number}]\t{citation.text}" in tail
    assert "IOM closing remarks, IDM 2018, para. 21, p. 2" in tail
    assert brief.stamp in tail


def test_sources_section_lists_speech_metadata() -> None:
    text = body_text(open_docx(rendered("briefing-note")))
    assert "\nInternational Organization for Migration (IOM)\n" in text
    assert "Reference: Ju2017/05987/EMA" in text


def test_empty_section_shows_its_message_in_italics() -> None:
    message = sample_brief().sections[3].empty_message
    document = open_docx(rendered("briefing-note"))
    paragraph = next(p for p in document.paragraphs if p.text == message)
    assert paragraph.style.name == "Empty" and paragraph.style.font.italic


@pytest.mark.parametrize("name", NAMES)
def test_header_and_footer_carry_classification_and_page_fields(name: str) -> None:
    document = open_docx(rendered(name))
    section = document.sections[0]
    pages = [section.header, section.footer]
    if name == "briefing-note":  # page 1 as the PDF's: the marking alone at the top
        assert section.different_first_page_header_footer
        assert section.first_page_header.paragraphs[0].text == "\tUNCLASSIFIED"
        pages.append(section.first_page_footer)
        running = "Ministry of Justice\tUNCLASSIFIED\tJu2026/00001/EMA"
        assert section.header.paragraphs[0].text == running  # from page 2, as the PDF's
        assert not document.sections[1].different_first_page_header_footer
        assert document.sections[1].header.is_linked_to_previous
    else:
        assert section.header.paragraphs[0].text == "\tUNCLASSIFIED"
    for footer in pages[1:]:
        assert footer.paragraphs[0].text.startswith("\tUNCLASSIFIED\tPage ")
        fields = [f.get(qn("w:instr")).strip() for f in footer._element.iter(qn("w:fldSimple"))]
        assert fields == ["PAGE", "NUMPAGES"]


def test_draft_shows_marking_and_warnings() -> None:
    document = open_docx(rendered("briefing-note", draft=True))
    assert "DRAFT" in document.sections[0].header.paragraphs[0].text
    assert "Briefing note (draft)" in document.tables[0].cell(0, 1).text
    boxed = styled(document, "Draft Note Title") + styled(document, "Draft Note")
    assert "Draft: points to check before this brief is sent" in boxed
    assert "\u2022 idm-2018-arbour: no enumerated takeaways found" in boxed
    clean = open_docx(rendered("briefing-note"))
    assert "DRAFT" not in clean.sections[0].header.paragraphs[0].text
    assert "raft" not in body_text(clean) + clean.tables[0].cell(0, 1).text


def field_codes(xml: str) -> list[str]:
    return [" ".join(code.split()) for code in re.findall(r"<w:instrText[^>]*>([^<]*)<", xml)]


def test_contents_print_the_pdf_pages_and_word_does_not_ask_to_update() -> None:
    """Each entry links to its heading and shows its page in the PDF of the same brief."""
    brief, tpl = sample_brief(), template("briefing-note")
    data = rendered("briefing-note")
    package = zipfile.ZipFile(io.BytesIO(data))
    assert b"updateFields" not in package.read("word/settings.xml")  # no question on opening
    xml = package.read("word/document.xml").decode()
    assert not any(code.startswith("TOC") for code in field_codes(xml))
    pdf_pages = anchor_pages(render(brief, tpl, "pdf"))
    anchors = [f"section-{n}" for n in range(1, len(brief.sections) + 1)] + ["sources-cited"]
    entries = styled(open_docx(data), "toc 1")
    titles = [f"{n}\t{s.title}" for n, s in enumerate(brief.sections, 1)] + ["\tSources cited"]
    assert entries == [f"{title}\t{pdf_pages[a]}" for title, a in zip(titles, anchors, strict=True)]
    codes = field_codes(xml)
    for anchor in anchors:
        name = bookmark_name(anchor)
        assert f"REF {name} \\h" in codes and f"PAGEREF {name} \\h" in codes
        assert f'w:name="{name}"' in xml  # the heading carries the bookmark


def test_the_pdf_the_build_made_gives_the_same_docx() -> None:
    """Rendered with the build's PDF or laying it out itself, the DOCX has the same bytes."""
    brief, tpl = sample_brief(), template("briefing-note")
    pdf = render(brief, tpl, "pdf")
    assert render_docx.render(brief, tpl, pdf) == rendered("briefing-note")


def test_citations_link_to_their_entry_in_the_citations_list() -> None:
    brief = sample_brief()
    xml = zipfile.ZipFile(io.BytesIO(rendered("briefing-note"))).read("word/document.xml").decode()
    codes = field_codes(xml)
    for citation in brief.citations:
        name = bookmark_name(f"cite-{citation.number}")
        assert codes.count(f"REF {name} \\h") == 1
        target = re.search(rf'<w:bookmarkStart w:id="\d+" w:name="{name}"/>(.*?)<w:bookmarkEnd',
                           xml)
        assert target and re.sub(r"<[^>]+>", "", target.group(1)) == f"[{citation.number}]"
    ids = re.findall(r'<w:bookmarkStart w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids))  # Word needs each bookmark's id once


def test_spacing_comes_from_styles_not_from_paragraphs() -> None:
    """No paragraph of the body sets its own spacing or indent: Word's styles do."""
    for name in NAMES:
        xml = zipfile.ZipFile(io.BytesIO(rendered(name))).read("word/document.xml").decode()
        properties = re.findall(r"<w:pPr>(.*?)</w:pPr>", xml)
        assert properties and not [p for p in properties if re.search(r"<w:(spacing|ind)\b", p)]
    styles = open_docx(rendered("briefing-note")).styles
    for style in ("Item", "Item Continue", "List Bullet 2", "Quote", "Normal", "toc 1"):
        assert styles[style].element.pPr.find(qn("w:contextualSpacing")) is None
    item = styles["Item"].paragraph_format
    assert item.space_before > styles["Item Continue"].paragraph_format.space_after


def test_text_sections_keep_bold_and_italic() -> None:
    brief = sample_brief()
    brief.sections[0].paragraphs = text_paragraphs("Say **only** what is *cited*.")
    paragraph = next(p for p in open_docx(render_docx.render(brief, template("briefing-note")))
                     .paragraphs if p.text == "Say only what is cited.")
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text] == [
        ("Say ", False, False), ("only", True, False), (" what is ", False, False),
        ("cited", False, True), (".", False, False)]


def test_core_properties_are_set_and_dated_from_the_brief(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data = render_docx.render(sample_brief(), template("briefing-note"))
    props = open_docx(data).core_properties
    assert props.title == "Global Compact for Migration: preparatory brief"
    assert props.author == "Division for Migration and Asylum Policy"
    assert props.subject == "Preparation of the Swedish delegation"
    assert props.keywords == "migration, GCM, IMRF"
    assert props.language == "en"
    assert props.created == props.modified == datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize("name", NAMES)
def test_two_renders_are_byte_identical(name: str) -> None:
    first = render_docx.render(sample_brief(), template(name))
    second = render_docx.render(sample_brief(), template(name))
    assert first == second


def test_source_date_epoch_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = render_docx.render(sample_brief(), template("briefing-note"))
    assert open_docx(data).core_properties.created == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    dates = {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert dates == {(2023, 11, 14, 22, 13, 20)}


def hostile_brief() -> Brief:
    brief = sample_brief(draft=True)
    brief.info.title = f"Title {HOSTILE}"
    brief.info.classification = "RESTRICTED & <b>"
    item = Item(1, HOSTILE, f"{HOSTILE} more", Source("x", 1), subitems=[HOSTILE], citation=1)
    brief.sections.append(Section(type="takeaways", title=f"Section {HOSTILE}", items=[item]))
    brief.warnings.append(HOSTILE)
    return brief


@pytest.mark.parametrize("name", NAMES)
def test_hostile_text_appears_literally_and_xml_stays_valid(name: str) -> None:
    data = render_docx.render(hostile_brief(), template(name))
    package = zipfile.ZipFile(io.BytesIO(data))
    for part in package.namelist():
        if part.endswith((".xml", ".rels")):
            etree.fromstring(package.read(part))  # raises if not well-formed
    document = open_docx(data)
    shown = "<script>alert(1)</script> & {{ 7*7 }} {% for x in y %} {_{ z }_}end"
    assert shown in body_text(document)
    assert "49" not in body_text(document)
    assert not any(c in body_text(document) for c in "\x00\x0b\x07")
    assert "RESTRICTED & <b>" in document.sections[0].header.paragraphs[0].text
    assert document.core_properties.title == f"Title {shown}"


def test_non_word_template_is_a_one_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "brief.docx").write_text("just text, renamed", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render_docx.render(sample_brief(), Template("bad", folder))
    assert "brief.docx" in str(caught.value) and "\n" not in str(caught.value)
    with zipfile.ZipFile(folder / "brief.docx", "w") as broken:
        broken.writestr("hello.txt", "not a Word package")
    with pytest.raises(TemplateError, match="not a Word document"):
        render_docx.render(sample_brief(), Template("bad", folder))


def test_undefined_variable_is_named(tmp_path: Path) -> None:
    tpl = one_paragraph_template(tmp_path, "Meeting: ", "{{ brief.info.nope }}")
    with pytest.raises(TemplateError) as caught:
        render_docx.render(sample_brief(), tpl)
    message = str(caught.value)
    assert message == (f"{tpl.path / 'brief.docx'}: undefined variable 'brief.info.nope' "
                       "(word/document.xml, near 'Meeting: {{ brief.info.nope }}')")


def test_syntax_error_is_one_line(tmp_path: Path) -> None:
    tpl = one_paragraph_template(tmp_path, "{% if %}")
    with pytest.raises(TemplateError, match=r"template syntax error: '\{% if %\}' needs a "
                                            r"condition \(word/document.xml") as caught:
        render_docx.render(sample_brief(), tpl)
    assert "brief.docx" in str(caught.value) and "\n" not in str(caught.value)


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    tpl = one_paragraph_template(tmp_path, "{{ ''.__class__.__mro__ }}")
    with pytest.raises(TemplateError, match="a template may not use '__class__'"):
        render_docx.render(sample_brief(), tpl)


def test_find_split_tags_reports_a_tag_split_across_runs(tmp_path: Path) -> None:
    tpl = one_paragraph_template(tmp_path, "Title: {{ brief.", "info.title }} and {{ ok }}")
    findings = find_split_tags(tpl.path / "brief.docx")
    assert len(findings) == 1
    assert "paragraph 1: tag '{{ brief.info.title }}' is split across 2 runs" in findings[0]
    assert findings[0].startswith(str(tpl.path / "brief.docx"))


@pytest.mark.parametrize("name", NAMES)
def test_shipped_templates_have_no_split_tags_and_their_tags_run(name: str) -> None:
    assert find_split_tags(TEMPLATES / name / "brief.docx") == []
    run_tags(TEMPLATES / name / "brief.docx", sample_brief(draft=True))


def test_running_the_tags_alone_names_the_paragraph_of_a_fault(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("{%p if brief.info.title %}", "Title {{ brief.info.title }}", "{%p endif %}",
                 "no tags here", "{{r brief.info.titel }}"):
        document.add_paragraph(text)
    document.save(tmp_path / "brief.docx")
    with pytest.raises(TemplateError, match=r"undefined variable 'brief.info.titel' \(did you "
                                            r"mean 'brief.info.title'\?\) "
                                            r"\(word/document.xml, paragraph 5\)"):
        run_tags(tmp_path / "brief.docx", sample_brief())


def _paragraphs(*texts: str) -> Callable[[Any], None]:
    def fill(document: Any) -> None:
        for text in texts:
            document.add_paragraph(text)
    return fill


def _row_loop(cell: str) -> Callable[[Any], None]:
    """A table whose middle row repeats per section, its cell holding `cell`."""
    def fill(document: Any) -> None:
        table = document.add_table(rows=3, cols=1)
        table.cell(0, 0).text = "{%tr for s in brief.sections %}"
        table.cell(1, 0).text = cell
        table.cell(2, 0).text = "{%tr endfor %}"
    return fill


def _title_property(title: str) -> Callable[[Any], None]:
    def fill(document: Any) -> None:
        document.core_properties.title = title
        document.add_paragraph("Body")
    return fill


@pytest.mark.parametrize(("fill", "refused"), [
    (_paragraphs("{{ brief.info.date|date(\u2018short\u2019) }}"), None),  # Word's curly quotes
    (_paragraphs("{{ brief.info.title", "}}"), None),  # a tag running on into the next paragraph
    (_paragraphs("{% if brief.info.title", "%}yes{% endif %}"), None),
    (_row_loop("{{ s.title }}"), None),
    (_row_loop("{% vm %}{{ s.title }}"), None),  # docxtpl's cell tags, in a cell
    (_row_loop("{% colspan 1 %}{{ s.title }}"), None),
    (_paragraphs("{%tr for s in brief.sections %}", "{{ s.title }}", "{%tr endfor %}"),
     "template syntax error: '{%tr ... %}' works only inside a Word table row; elsewhere "
     "write '{% ... %}' or '{%p ... %}'"),
    (_paragraphs("{% vm %}"), "template syntax error: unknown tag '{% vm %}'"),
    (_paragraphs("{%-p if brief.info.draft %}", "x", "{%p endif %}"),
     "template syntax error: unknown tag '{%-p if brief.info.draft %}': write '{%p ... %}', "
     "without '-'"),
    (_paragraphs("Title: {{ brief.info.title"),
     "template syntax error: '{{ brief.info.title' is never closed; end it with '}}'"),
    (_paragraphs("{% for s in brief.sections %}", "{{ s.title }}"),
     "template syntax error: '{% for s in brief.sections %}' is never closed; add "
     "'{% endfor %}' where it ends"),
    (_paragraphs("{{ brief.info.title }}", "{% endfor %}"),
     "template syntax error: '{% endfor %}' closes nothing: no '{% for %}' is open"),
    (_paragraphs("{{ brief.info.date|dat }}"),
     "template syntax error: unknown filter 'dat' in '{{ brief.info.date|dat }}' (did you mean "
     "'date'?)"),
    (_paragraphs("{% include 'other.docx' %}"),
     "no template file 'other.docx' (a Word template includes no other files)"),
    (_paragraphs("{{ loop.index }}"),
     "undefined variable 'loop' (it exists only inside a {% for %} loop)"),
    (_row_loop("{{ s.titel }}"), "undefined variable 's.titel' (did you mean 's.title'?)"),
    (_title_property("{{ brief.info.titel }}"),
     "undefined variable 'brief.info.titel' (did you mean 'brief.info.title'?)"),
    (_title_property("{% if brief.info.draft %}Draft"),
     "template syntax error: '{% if brief.info.draft %}' is never closed; add '{% endif %}' "
     "where it ends"),
], ids=["curly-quotes", "tag-over-paragraphs", "block-tag-over-paragraphs", "row-loop",
        "vm-in-cell", "colspan-in-cell", "tr-outside-a-table", "vm-outside-a-cell", "dash-p",
        "tag-never-closed", "block-never-closed", "end-tag-closing-nothing", "unknown-filter",
        "include", "loop-outside-a-loop", "undefined-in-a-row", "undefined-in-the-title",
        "syntax-in-the-title"])
def test_check_and_build_agree_on_the_word_template(tmp_path: Path, fill: Callable[[Any], None],
                                                    refused: str | None) -> None:
    """A tag `check` accepts, `build` must not reject, and the other way round; where both
    refuse, in the same words (only the place differs: a paragraph number, or nearby text)."""
    document = docx.Document()
    fill(document)
    folder = tmp_path / "tpl"
    folder.mkdir()
    document.save(folder / "brief.docx")
    said = []
    for step in (lambda: run_tags(folder / "brief.docx", sample_brief()),
                 lambda: render_docx.render(sample_brief(), Template("tpl", folder))):
        try:
            step()
            said.append(None)
        except TemplateError as exc:
            assert exc.message.endswith(")") and "\n" not in exc.message
            said.append(exc.message.rsplit(" (", 1)[0])
    assert said == [refused, refused]


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice or pdftotext not installed",
)
def test_libreoffice_converts_with_page_numbers_on_every_page(tmp_path: Path) -> None:
    source = tmp_path / "brief.docx"
    source.write_bytes(rendered("briefing-note"))
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"  # no clash with others
    subprocess.run(
        [
            "soffice",
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "brief.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert page.count("UNCLASSIFIED") >= 2  # header and footer
        assert f"Page {number} of {len(pages)}" in page
    assert "Sources cited" in text and "Key takeaways of the IDM 2018" in text


def test_summary_quotes_and_numbered_text_restart_in_each_section() -> None:
    brief = sample_brief()
    steps = [Paragraph("First step.", "number"), Paragraph("Second step.", "number")]
    brief.sections[0].paragraphs += steps
    quote = Item(
        1,
        "Statistics guide decision-making.",
        "Statistics guide decision-making.",
        Source("idm-2018-closing", 21, 2),
        citation=2,
    )
    brief.sections.insert(1, Section(type="summary", title="Summary", items=[quote]))
    brief.sections.insert(2, Section(type="text", title="Line to take", paragraphs=steps[:1]))
    data = render_docx.render(brief, template("briefing-note"))
    document = open_docx(data)
    assert styled(document, "Quote") == ["2.1\t\u201cStatistics guide decision-making.\u201d[2]"]
    auto = [p for p in document.paragraphs if p.style.name == "List Number" and "step" in p.text]
    num_ids = [p._p.pPr.numPr.numId.val if p._p.pPr.numPr is not None else None for p in auto]
    assert num_ids[0] == num_ids[1] is None  # the first list uses the style's numbering
    assert num_ids[2] is not None  # the second list is a new numbering that starts at 1
    numbering = document.part.numbering_part.element
    override = numbering.num_having_numId(num_ids[2]).find(qn("w:lvlOverride"))
    assert override.find(qn("w:startOverride")).get(qn("w:val")) == "1"


def test_each_paragraph_of_an_item_is_its_own_indented_paragraph() -> None:
    brief = sample_brief()
    brief.sections[1].items[0].text += "\n\nSecond paragraph.\n\nThird paragraph."
    document = open_docx(render_docx.render(brief, template("briefing-note")))
    first = next(p for p in document.paragraphs if p.text.startswith("2.1\t"))
    assert first.text.endswith("in the GMC.")  # the citation moves to the last paragraph
    more = styled(document, "Item Continue")
    assert more == ["Second paragraph.", "Third paragraph.[1]"]
    body = document.styles["Item Continue"].paragraph_format.left_indent
    assert body == first.style.paragraph_format.left_indent  # aligned with the item's text


def test_a_lone_joiner_after_a_headline_is_not_shown() -> None:
    brief = sample_brief()
    item = brief.sections[1].items[0]
    item.headline = "partnerships must include all stakeholders"
    item.text = "partnerships must include all stakeholders; and"
    document = open_docx(render_docx.render(brief, template("briefing-note")))
    first = next(p for p in document.paragraphs if p.text.startswith("2.1\t"))
    assert first.text == "2.1\t\u2026 partnerships must include all stakeholders[1]"


LABEL = re.compile(r"(?m)^\s*(\d+\.\d+)\s")


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice or pdftotext not installed",
)
def test_docx_and_pdf_read_the_same_labels_headings_and_date(tmp_path: Path) -> None:
    """The same brief through Word (LibreOffice) and WeasyPrint: same numbers, same date."""
    brief = sample_brief()
    source = tmp_path / "brief.docx"
    source.write_bytes(rendered("briefing-note"))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    from_word = pdftotext(tmp_path / "brief.pdf")
    weasy = tmp_path / "weasy.pdf"
    weasy.write_bytes(render(brief, Template("briefing-note", TEMPLATES / "briefing-note"), "pdf"))
    from_html = pdftotext(weasy)
    assert LABEL.findall(from_word) == LABEL.findall(from_html) == ["2.1", "2.2", "3.1", "3.2"]
    for text in (from_word, from_html):
        assert "1 December 2026" in text and "2026-12-01" not in text
        for number, section in enumerate(brief.sections, 1):
            assert re.search(rf"(?m)^\s*{number}\s+{re.escape(section.title)}\s*$", text)


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_core_properties_longer_than_word_allows_are_cut() -> None:
    brief = sample_brief()
    long = "Preparatory brief " * 30  # 540 characters: Word keeps at most 255
    brief.info = replace(brief.info, title=long, subject=long, author=long)
    document = open_docx(render_docx.render(brief, template("briefing-note")))
    props = document.core_properties
    for value in (props.title, props.subject, props.author):
        assert len(value) == 255 and value.endswith("…") and long.startswith(value[:-1])
    assert long.strip() in body_text(document)  # the document itself has the whole title


def test_a_docx_without_its_pdf_has_contents_without_page_numbers(tmp_path: Path) -> None:
    """A broken HTML template does not stop a DOCX-only render: no numbers, and a warning."""
    folder = tmp_path / "tpl"
    shutil.copytree(TEMPLATES / "briefing-note", folder)
    html = folder / "brief.html.j2"
    html.write_text(html.read_text(encoding="utf-8") + "{{ brief.nothing }}", encoding="utf-8")
    brief = sample_brief()
    document = open_docx(render_docx.render(brief, Template("tpl", folder)))
    entries = styled(document, "toc 1")
    assert entries[0] == f"1\t{brief.sections[0].title}\t"
    assert [w for w in brief.warnings if w.startswith("DOCX: the contents have no page numbers")]


def test_the_header_block_carries_the_document_facts_and_the_meeting() -> None:
    brief = sample_brief()
    brief.info = replace(brief.info, unit="Division for Migration", contact="A. Officer")
    document = open_docx(render_docx.render(brief, template("briefing-note")))
    issuer, facts = (cell.text for cell in document.tables[0].rows[0].cells)
    assert issuer == "Ministry of Justice\nDivision for Migration"
    assert facts == ("Document\tBriefing note\nReference\tJu2026/00001/EMA\n"
                     "Classification\tUNCLASSIFIED")
    rows = styled(document, "Meeting Info First") + styled(document, "Meeting Info")
    assert rows == ["Meeting\tInternational Migration Review Forum", "Date\t1 December 2026",
                    "Place\tNew York", "Delegation\tSweden",
                    "Prepared by\tDivision for Migration and Asylum Policy", "Contact\tA. Officer"]
