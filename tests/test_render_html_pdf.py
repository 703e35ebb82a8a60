"""HTML, PDF, Markdown and JSON renderers with the shipped templates: content, PDF structure,
determinism, template errors, sandbox and the confined URL fetcher."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.errors import RenderError, TemplateError
from briefgen.model import Brief
from briefgen.render import pdf as pdf_renderer
from briefgen.render import render
from briefgen.render.jinja import format_date, item_paragraphs, rest_of_text
from briefgen.template import Template, load_template
from tests.sample import sample_brief

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
NAMES = ("briefing-note", "talking-points")
HOSTILE = "<script>alert(1)</script> and {{ 7*7 }}"


def template(name: str) -> Template:
    return load_template(TEMPLATES / name)


def pdf_text(data: bytes) -> list[str]:
    """Text of each page, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def headlines(brief: Brief) -> list[str]:
    return [item.headline for section in brief.sections for item in section.items]


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    """One PDF per template (rendering takes most of a second, so share them)."""
    return {name: render(sample_brief(), template(name), "pdf") for name in NAMES}


def broken_copy(tmp_path: Path, name: str, old: str, new: str) -> Template:
    """A copy of briefing-note whose file `name` has `old` replaced by `new`."""
    folder = tmp_path / "broken"
    shutil.copytree(TEMPLATES / "briefing-note", folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_template(folder)


def line_of(tmpl: Template, name: str, needle: str) -> int:
    lines = (tmpl.path / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


# ---- content in every format ---------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_html_has_headlines_marking_and_inlined_style(name: str) -> None:
    brief = sample_brief()
    html = render(brief, template(name), "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert "@page" in html and "<link" not in html  # standalone: the stylesheet is inlined
    for headline in headlines(brief):
        assert headline in html
    if name == "briefing-note":
        assert 'href="#cite-1"' in html and 'id="cite-1"' in html
    else:  # the card cites the place in the speech inline
        assert "effective policy-making. <span class=\"where\">(para.&nbsp;21, p." in html


@pytest.mark.parametrize("name", NAMES)
def test_markdown_has_headlines_and_citations(name: str) -> None:
    brief = sample_brief()
    md = render(brief, template(name), "md").decode("utf-8")
    assert md.startswith("**UNCLASSIFIED**") and md.endswith("**UNCLASSIFIED**\n")
    for headline in headlines(brief):
        assert headline in md
    if name == "briefing-note":
        assert "IOM closing remarks, IDM 2018, para. 21, p. 2" in md
    else:
        assert "effective policy-making.** (para. 21, p. 2)" in md


@pytest.mark.parametrize("name", NAMES)
def test_json_is_the_model_sorted_and_newline_terminated(name: str) -> None:
    brief = sample_brief()
    data = render(brief, template(name), "json")
    assert data.endswith(b"}\n")
    assert json.loads(data) == json.loads(json.dumps(brief.to_dict()))
    text = data.decode("utf-8")
    assert "\u2013" in text and "\\u2013" not in text  # UTF-8, not escapes
    assert text.index('"citations"') < text.index('"info"') < text.index('"sections"')


def test_briefing_note_anatomy() -> None:
    html = render(sample_brief(), template("briefing-note"), "html").decode("utf-8")
    for field in (
        "Ministry of Justice",
        "Ju2026/00001/EMA",
        "1 December 2026",
        "New York",
        "International Migration Review Forum",
        "Division for Migration",
    ):
        assert field in html
    assert "Contents" in html and "Sources cited" in html
    assert '<strong class="headline">Migration data' in html
    # the text after the headline is shown once, not the headline twice
    assert html.count("Migration data and data analysis must be available") == 1
    assert "Panel 2: transit, entry and borders</h3>" in html
    assert "(aligns)" not in html and "(other)" not in html  # the quoted verb says it
    assert "<em>No enumerated takeaways in Closing remarks" in html
    assert "five were found" in html and "Built from 2 speeches" in html
    assert "Government Offices of Sweden" in html and "Ju2017/05987/EMA" in html
    body = html.split("</style>")[1]
    assert "DRAFT" not in body and "warnings" not in body


def test_draft_shows_watermark_and_warnings() -> None:
    html = render(sample_brief(draft=True), template("briefing-note"), "html").decode("utf-8")
    assert 'class="watermark"' in html and "UNCLASSIFIED \u2013 DRAFT" in html
    assert html.count("idm-2018-arbour: no enumerated takeaways found") == 2  # brief + section


def test_talking_points_has_no_contents_and_no_item_text() -> None:
    html = render(sample_brief(), template("talking-points"), "html").decode("utf-8")
    assert "Contents" not in html and "toc" not in html
    assert "statistics guide decision-making" not in html  # headlines only
    assert "Key takeaways, closing remarks" not in html  # empty sections are left out


# ---- PDF structure --------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_pdf_text_marking_and_page_numbers(pdfs: dict[str, bytes], name: str) -> None:
    pages = pdf_text(pdfs[name])
    text = " ".join(pages)
    for headline in headlines(sample_brief()):
        assert flat(headline) in text
    for number, page in enumerate(pages, 1):
        assert page.count("UNCLASSIFIED") >= 2, f"page {number}: marking top and bottom"
        assert f"Page {number} of {len(pages)}" in page
    if name == "briefing-note":
        assert len(pages) >= 2
        assert "CONTENTS" in pages[0] and "Sources cited" in pages[-1]
    else:
        assert len(pages) <= 2


@pytest.mark.parametrize("name", NAMES)
def test_pdf_metadata_outline_fonts_and_tags(pdfs: dict[str, bytes], name: str) -> None:
    reader = PdfReader(io.BytesIO(pdfs[name]))
    info = sample_brief().info
    assert info.title in reader.metadata.title
    assert reader.metadata.author == info.author
    assert reader.metadata.subject == info.subject
    assert reader.metadata["/Keywords"] == "migration, GCM, IMRF"
    assert reader.metadata["/CreationDate"] == "D:20261201000000Z"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert b"pdfuaid:part" in reader.xmp_metadata.stream.get_data()
    titles = outline_titles(reader.outline)
    assert info.title in titles[0]
    assert any("Key takeaways of the IDM 2018" in title for title in titles)
    assert "Contents" not in titles
    assert fonts(reader) and all(embedded for embedded in fonts(reader).values())


def outline_titles(outline: list) -> list[str]:
    titles: list[str] = []
    for entry in outline:
        titles += outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font's name, and whether its descriptor carries an embedded font file."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            else:
                descriptor = font["/FontDescriptor"]
            keys = descriptor.get_object().keys()
            found[font["/BaseFont"]] = bool({"/FontFile2", "/FontFile3"} & set(keys))
    return found


def test_pdf_toc_has_page_numbers(pdfs: dict[str, bytes]) -> None:
    first = pdf_text(pdfs["briefing-note"])[0]
    assert re.search(r"Key takeaways of the IDM 2018[ .]*\b2\b", first)
    assert re.search(r"Sources cited[ .]*\b\d\b", first)


def test_pdf_a3b_variant() -> None:
    brief = sample_brief()
    brief.info.pdf_variant = "pdf/a-3b"
    reader = PdfReader(io.BytesIO(render(brief, template("briefing-note"), "pdf")))
    xmp = reader.xmp_metadata.stream.get_data()
    assert b"pdfaid:part" in xmp and b"3" in xmp and b"B" in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert "/ID" in reader.trailer


def test_pdf_is_byte_identical_and_honours_source_date_epoch(
    pdfs: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    again = render(sample_brief(), template("briefing-note"), "pdf")
    assert again == pdfs["briefing-note"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = render(sample_brief(), template("briefing-note"), "pdf")
    assert PdfReader(io.BytesIO(stamped)).metadata["/CreationDate"] == "D:20231114221320Z"
    assert stamped == render(sample_brief(), template("briefing-note"), "pdf")


def test_a_brief_too_long_for_a_pdf_is_refused_before_layout(
        monkeypatch: pytest.MonkeyPatch) -> None:
    brief = sample_brief()
    item = brief.sections[1].items[0]
    brief.sections[1].items[0] = replace(item, text=item.text + " word" * 200_000)  # 1 MB
    monkeypatch.setattr(pdf_renderer, "MAX_HTML", 500_000)
    monkeypatch.setattr(pdf_renderer, "HTML", None)  # layout would fail: it must not start
    with pytest.raises(RenderError, match=r"the brief is 1\.\d MB of HTML; PDF output is "
                                          r"limited to 0 MB"):
        render(brief, template("briefing-note"), "pdf")


# ---- escaping -------------------------------------------------------------------------


def hostile_brief() -> Brief:
    brief = sample_brief()
    item = brief.sections[1].items[0]
    brief.sections[1].items[0] = replace(item, headline=HOSTILE, text=HOSTILE + " More text.")
    return brief


def test_speech_text_is_shown_literally() -> None:
    brief, tmpl = hostile_brief(), template("briefing-note")
    html = render(brief, tmpl, "html").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and {{ 7*7 }}" in html
    assert "<script>" not in html and "49" not in html
    assert HOSTILE in " ".join(pdf_text(render(brief, tmpl, "pdf")))
    md = render(brief, tmpl, "md").decode("utf-8")
    assert r"\<script\>alert(1)\</script\> and {{ 7\*7 }}" in md


# ---- template errors and the sandbox --------------------------------------------------


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    tmpl = broken_copy(tmp_path, "brief.html.j2", "<main>", "<main>{% if %}")
    line = line_of(tmpl, "brief.html.j2", "<main>{% if %}")
    with pytest.raises(TemplateError) as error:
        render(sample_brief(), tmpl, "html")
    assert str(error.value).startswith(f"{tmpl.path / 'brief.html.j2'}:{line}: ")
    assert "\n" not in str(error.value)


def test_undefined_variable_names_file_line_and_variable(tmp_path: Path) -> None:
    tmpl = broken_copy(
        tmp_path, "brief.html.j2", "<h1>{{ info.title }}</h1>", "<h1>{{ brief.info.titel }}</h1>"
    )
    line = line_of(tmpl, "brief.html.j2", "brief.info.titel")
    with pytest.raises(TemplateError) as error:
        render(sample_brief(), tmpl, "pdf")
    assert str(error.value) == (
        f"{tmpl.path / 'brief.html.j2'}:{line}: undefined variable 'brief.info.titel' "
        "(did you mean 'brief.info.title'?)"
    )


def test_undefined_in_markdown_template(tmp_path: Path) -> None:
    tmpl = broken_copy(tmp_path, "brief.md.j2", "# {{ info.title | md }}", "# {{ nothing }}")
    line = line_of(tmpl, "brief.md.j2", "{{ nothing }}")
    with pytest.raises(TemplateError, match=rf"brief\.md\.j2:{line}: undefined variable "
                                            r"'nothing'$"):
        render(sample_brief(), tmpl, "md")


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    tmpl = broken_copy(tmp_path, "brief.html.j2", "<main>", "<main>{{ ''.__class__.__mro__ }}")
    with pytest.raises(TemplateError, match=r"brief\.html\.j2:\d+: a template may not use "
                                            r"'__class__' \(Python's internals are closed to "
                                            r"templates\)$"):
        render(sample_brief(), tmpl, "html")


@pytest.mark.parametrize(("source", "line", "words"), [
    ("<p>\n{% for s in brief.sections %}\n{{ s.title }}\n", 3,
     "template syntax error: '{% for s in brief.sections %}' (line 2) is never closed; add "
     "'{% endfor %}' where it ends"),
    ("{% if brief.info.draft %}\n{% endfor %}\n{% endif %}", 2,
     "template syntax error: '{% endfor %}' (line 2) cannot close '{% if brief.info.draft %}' "
     "(line 1); close that first with '{% endif %}'"),
    ("{% for s in brief.sections %}{{ s.title }}{% endfro %}", 1,
     "template syntax error: unknown tag '{% endfro %}' (line 1) (did you mean 'endfor'?)"),
    ("<p>{{ brief.info.date | dtae }}</p>", 1,
     "template syntax error: unknown filter 'dtae' in '{{ brief.info.date | dtae }}' (did you "
     "mean 'date'?)"),
    ("<p>{{ brief.info.title }</p>\n", 1,
     "template syntax error: '{{ brief.info.title }' (line 1) is never closed; end it with "
     "'}}'"),
    ("<p>{{ brief.info.title ~ (brief.info.place }}</p>", 1,
     "template syntax error: '(' is never closed in '{{ brief.info.title ~ (brief.info.place }}'"),
    ("<p>{{ }}</p>", 1, "template syntax error: '{{ }}' is empty; put a variable or value in it"),
    ("{% for s %}{% endfor %}", 1,
     "template syntax error: '{% for s %}' needs 'in': {% for item in list %}"),
    ("<p>{{ brief.info.titel }}</p>", 1,
     "undefined variable 'brief.info.titel' (did you mean 'brief.info.title'?)"),
    ("<p>{{ breif.info.title }}</p>", 1, "undefined variable 'breif' (did you mean 'brief'?)"),
    ("<p>{{ brief.sections[99].title }}</p>", 1,
     "undefined variable: no item 99 in a list of 5"),
    ("<p>{{ brief.info.title.__class__ }}</p>", 1,
     "a template may not use '__class__' (Python's internals are closed to templates)"),
    ("<p>{{ brief.info.title - 1 }}</p>", 1, "template error: '-' cannot combine text and a "
                                             "number"),
    ("<p>{{ 1 // 0 }}</p>", 1, "template error: a division by zero"),
    ("<p>{{ brief.info.title|round }}</p>", 1,
     "template error: a value of the wrong kind for this operation or filter (text and a "
     "number mixed?)"),
], ids=["block-never-closed", "wrong-end-tag", "unknown-tag", "unknown-filter",
        "tag-never-closed", "bracket-never-closed", "empty-tag", "for-without-in",
        "undefined-attribute", "undefined-name", "no-such-item", "sandbox", "operator",
        "division", "filter-fault"])
def test_template_faults_in_our_words(tmp_path: Path, source: str, line: int,
                                      words: str) -> None:
    """What Jinja says is Jinja's; the user reads briefgen's own words, naming file and line."""
    (tmp_path / "brief.md.j2").write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(sample_brief(), Template("t", tmp_path, formats=("md",)), "md")
    assert str(caught.value) == f"{tmp_path / 'brief.md.j2'}:{line}: {words}"


# ---- the confined URL fetcher ---------------------------------------------------------


def test_fetcher_refuses_outside_resources_and_render_succeeds(tmp_path: Path) -> None:
    outside = tmp_path / "secret.css"
    outside.write_text("body { color: red } .x::after { content: 'SECRET-OUTSIDE' }")
    links = (
        '<link rel="stylesheet" href="file:///etc/passwd">'
        f'<link rel="stylesheet" href="{outside.as_uri()}">'
        '<link rel="stylesheet" href="http://example.com/style.css">'
        '<img src="http://example.com/logo.png" alt="">'
        '<img src="../secret.css" alt=""><img src="logo.svg" alt="logo">'
    )
    tmpl = broken_copy(tmp_path, "brief.html.j2", "</head>", links + "</head>")
    (tmpl.path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    )
    fetcher = pdf_renderer.ConfinedFetcher(tmpl.path)
    data = pdf_renderer.render_with(sample_brief(), tmpl, fetcher)
    refused = set(fetcher.refused)
    assert "file:///etc/passwd" in refused and outside.as_uri() in refused
    assert "http://example.com/style.css" in refused and "http://example.com/logo.png" in refused
    assert not any(url.endswith("logo.svg") for url in refused)
    text = " ".join(pdf_text(data))
    assert "root:" not in text and "SECRET-OUTSIDE" not in text
    assert "Key takeaways of the IDM 2018" in text


def test_fetcher_serves_only_files_in_the_folder(tmp_path: Path) -> None:
    (tmp_path / "in.css").write_text("p {}")
    fetcher = pdf_renderer.ConfinedFetcher(tmp_path)
    assert fetcher.local_path((tmp_path / "in.css").as_uri()) == (tmp_path / "in.css").resolve()
    assert fetcher.local_path((tmp_path / ".." / "etc").as_uri()) is None
    assert fetcher.local_path("file:///etc/passwd") is None
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch("https://example.com/")


# ---- filters ------------------------------------------------------------------------


def libreoffice_pdf(source: Path, outdir: Path) -> Path:
    """`source` converted to PDF by LibreOffice (headless, a private profile)."""
    profile = f"-env:UserInstallation={(outdir / 'profile').as_uri()}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(outdir),
         str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return outdir / source.with_suffix(".pdf").name


def test_date_filter() -> None:
    assert format_date("2026-12-01") == "1 December 2026"
    assert format_date("2018-03-27", "short") == "27 Mar 2018"
    assert format_date("2018-03") == "2018-03"
    assert format_date(None) == ""


def test_rest_filter_drops_the_headline_only_when_text_starts_with_it() -> None:
    item = sample_brief().sections[1].items[1]
    assert rest_of_text(item) == "As we heard yesterday, statistics guide decision-making."
    other = replace(item, text="Something else.")
    assert rest_of_text(other) == "Something else."


def test_paragraphs_filter_splits_the_rest_and_drops_a_lone_joiner() -> None:
    item = sample_brief().sections[1].items[0]
    two = replace(item, headline="Head.", text="Head. More.\n\nSecond.\n\n\nThird.")
    assert item_paragraphs(two) == ["More.", "Second.", "Third."]
    alone = replace(item, headline="Head.", text="Head.\n\nSecond.")
    assert item_paragraphs(alone) == ["", "Second."]
    joiner = replace(item, headline="partnerships for all", text="partnerships for all; and")
    assert item_paragraphs(joiner) == [""] and rest_of_text(joiner) == ""


def multi_paragraph_brief() -> Brief:
    """The first takeaway spans three paragraphs of the speech."""
    brief = sample_brief()
    item = brief.sections[1].items[0]
    item.text += "\n\nSecond paragraph of the point.\n\nThird paragraph of the point."
    return brief


def test_each_paragraph_of_an_item_is_its_own_paragraph_in_html_and_md() -> None:
    brief, tmpl = multi_paragraph_brief(), template("briefing-note")
    html = render(brief, tmpl, "html").decode("utf-8")
    assert "<p>Second paragraph of the point.</p>" in html
    assert re.search(r"<p>Third paragraph of the point\.<a class=\"cite\".*\[1\]", html)
    assert "GMC.<a" not in html  # the citation ends the item's last paragraph
    md = render(brief, tmpl, "md").decode("utf-8")
    paragraphs = "\n\nSecond paragraph of the point.\n\nThird paragraph of the point. [1]\n"
    assert "in the GMC." + paragraphs in md
    assert "in the GMC. Second paragraph" in " ".join(pdf_text(render(brief, tmpl, "pdf")))


# ---- the talking points card of the flagship -------------------------------------------


@pytest.fixture(scope="module")
def card(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """config/gcm-talking-points.yaml built in a copy of the project: {format: path}."""
    from briefgen.build import build

    root = tmp_path_factory.mktemp("card")
    for name in ("config", "speeches", "templates"):
        shutil.copytree(TEMPLATES.parent / name, root / name)
    result = build(root / "config" / "gcm-talking-points.yaml")
    return {path.suffix.lstrip("."): path for path in result.written}


def test_card_builds_pdf_and_docx_of_at_most_two_pages(card: dict[str, Path]) -> None:
    assert set(card) == {"pdf", "docx"}
    pages = pdf_text(card["pdf"].read_bytes())
    assert len(pages) <= 2
    text = " ".join(pages)
    assert "(para. 10)" in text and "Sources:" in text and "Sources cited" not in text
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice not installed")
    converted = libreoffice_pdf(card["docx"], card["docx"].parent / "lo")
    assert len(PdfReader(converted).pages) <= 2


@pytest.mark.parametrize(("module", "library_path", "compiles"), [
    ("weasyprint", None, True),  # WeasyPrint alone asks ctypes, which runs the compiler
    ("briefgen.render.pdf", None, False),
    ("briefgen.render.pdf", "/nonexistent", True),  # LD_LIBRARY_PATH: the ordinary search
])
def test_weasyprint_loads_without_running_a_compiler(tmp_path: Path, module: str,
                                                     library_path: str | None,
                                                     compiles: bool) -> None:
    bin_folder, calls = tmp_path / "bin", tmp_path / "calls"
    bin_folder.mkdir()
    for tool in ("gcc", "cc", "ld"):  # stand-ins that record they were run, then fail
        (bin_folder / tool).write_text(f"#!/bin/sh\necho {tool} >> {calls}\nexit 1\n")
        (bin_folder / tool).chmod(0o755)
    env = {key: value for key, value in os.environ.items() if key != "LD_LIBRARY_PATH"}
    env["PATH"] = f"{bin_folder}:/usr/bin:/bin"
    if library_path:
        env["LD_LIBRARY_PATH"] = library_path
    subprocess.run([sys.executable, "-c", f"import {module}"], env=env, check=True)
    assert calls.exists() == compiles
