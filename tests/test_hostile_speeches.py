"""Bad and hostile speeches from the command line (issue 6).

A speech that cannot be read fails the build of its spec with one `error:` line naming
the file (exit 1), while the other specs still build and the failed spec's outputs stay as
they were. Odd but safe input (UTF-16, Windows-1252, control characters, markup, links,
right-to-left, CJK and emoji text) just works, shown literally and never fetched.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_SPEECH = "2018-03-27-iom-idm-closing-remarks"
BENIGN = ("The delegation of Sweden supports the Global Compact for Migration today.\n\n"
          "We believe that safe, orderly and regular migration benefits every country here.\n")
SPEC = """\
brief:
  title: {title}
  classification: UNCLASSIFIED
template: briefing-note
formats: [{formats}]
output: {output}
speeches:
  s: {speech}
sections:
  - {{title: {section_title}, type: {section}, from: s{extra}}}
"""


# A bound on time that catches a hang or a quadratic blow-up (hours on these inputs), never a
# speed target: it holds on a machine busy with other work. benchmarks/run.py measures speed.
HANG = 300


def spec_text(output: str, speech: str, formats: str = "json, md, html",
              section: str = "summary", extra: str = "") -> str:
    return SPEC.format(title=f"Brief {output}", formats=formats, output=output, speech=speech,
                       section_title=section.capitalize(), section=section, extra=extra)


def briefgen(cwd: Path, *args: str, env: dict[str, str] | None = None,
             timeout: float = 120, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run briefgen; with `memory`, under that limit of address space (RLIMIT_AS), so that a
    build needing more fails instead of filling the machine."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, resource.getrlimit(resource.RLIMIT_AS)[1]))

    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False,
                          preexec_fn=limit if memory else None)


def snapshot(root: Path) -> dict[str, str]:
    """Every file of the project but the speech under test and the specs, with its hash."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith("bad.") and p.parent.name != "config"
    }


def assert_one_line_each(result: subprocess.CompletedProcess[str], fragment: str) -> list[str]:
    lines = result.stderr.strip().splitlines()
    assert lines, result
    assert all(line.startswith("error: ") for line in lines), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert fragment in result.stderr, result.stderr
    return lines


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two specs: `bad` (its speech replaced by each test) built once, and `good` not yet."""
    (tmp_path / "speeches").mkdir()
    (tmp_path / "config").mkdir()
    for suffix in (".txt", ".yaml"):
        shutil.copy(ROOT / "speeches" / f"{GOOD_SPEECH}{suffix}", tmp_path / "speeches")
    shutil.copytree(ROOT / "templates" / "briefing-note", tmp_path / "templates" / "briefing-note")
    (tmp_path / "config" / "good.yaml").write_text(
        spec_text("good", f"speeches/{GOOD_SPEECH}.txt", section="takeaways"))
    return tmp_path


def first_build(project: Path, suffix: str, section: str = "summary") -> None:
    """Build `bad` once from a readable speech of the same kind, so its outputs exist."""
    speech = project / "speeches" / f"bad{suffix}"
    if suffix == ".docx":
        speech.write_bytes(word_file(BENIGN))
    elif suffix == ".pdf":
        speech.write_bytes(pdf_file(BENIGN))
    else:
        speech.write_text(BENIGN)
    (project / "config" / "bad.yaml").write_text(
        spec_text("bad", f"speeches/bad{suffix}", section=section))
    result = briefgen(project, "build", "config/bad.yaml")
    assert result.returncode == 0, result.stderr


def assert_unreadable(project: Path, suffix: str, content: bytes, fragment: str,
                      section: str = "summary") -> None:
    """check, build and extract each refuse the speech in one line; nothing is changed."""
    first_build(project, suffix, section)
    before = snapshot(project)
    speech = project / "speeches" / f"bad{suffix}"
    speech.write_bytes(content)
    result = briefgen(project, "build", "config/bad.yaml", "config/good.yaml")
    assert result.returncode == 1, result
    lines = assert_one_line_each(result, fragment)
    assert lines == [line for line in lines if f"speeches/bad{suffix}" in line]
    assert all("config/bad.yaml not built" in line for line in lines)
    assert "config/good.yaml: wrote out/good.json" in result.stdout  # the other spec built
    after = snapshot(project)
    assert {k: v for k, v in after.items() if "good" not in k} == before
    check = briefgen(project, "check", "config/bad.yaml")
    assert check.returncode == 1
    assert f"speeches/bad{suffix}" in assert_one_line_each(check, fragment)[0]
    extract = briefgen(project, "extract", f"speeches/bad{suffix}", "--section", section)
    assert extract.returncode == 1
    assert len(assert_one_line_each(extract, fragment)) == 1
    assert snapshot(project) == after


def word_file(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_file(text: str) -> bytes:
    from weasyprint import HTML

    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return HTML(string=f"<html><body>{paragraphs}</body></html>").write_pdf()


# --- speeches that cannot be read ------------------------------------------------------------

def test_empty_file(project: Path) -> None:
    assert_unreadable(project, ".txt", b"", "no text found")


def test_binary_garbage_with_a_txt_suffix(project: Path) -> None:
    garbage = bytes((i * 7919 + 13) % 256 for i in range(20_000))
    assert_unreadable(project, ".txt", garbage, "not a text file")


def test_a_pdf_renamed_txt(project: Path) -> None:
    assert_unreadable(project, ".txt", pdf_file(BENIGN), "this is a PDF file")


def test_a_file_of_50_megabytes_is_refused_before_it_is_read(project: Path) -> None:
    started = time.monotonic()
    assert_unreadable(project, ".txt", BENIGN.encode() * (50 * 2**20 // len(BENIGN)),
                      "file is 50.0 MB; the limit is 20 MB")
    assert time.monotonic() - started < HANG


def test_a_10_megabyte_single_line_is_refused_by_the_summary(project: Path) -> None:
    """TextRank compares all sentence pairs: past 1,000 sentences it refuses, fast."""
    line = (BENIGN.replace("\n", " ") * (10_000_000 // len(BENIGN))).encode()
    started = time.monotonic()
    assert_unreadable(project, ".txt", line, "too long to summarise")
    assert time.monotonic() - started < HANG


def test_a_10_megabyte_single_line_builds_in_bounded_time(project: Path) -> None:
    """The normaliser, sentence splitter and the other extractors are linear in the text."""
    speech = project / "speeches" / "long.txt"
    sentence = "Sweden supports the compact and we believe that cooperation matters. "
    speech.write_text(sentence * (10_000_000 // len(sentence)))
    spec = project / "config" / "long.yaml"
    spec.write_text(spec_text("long", "speeches/long.txt", formats="json", section="positions",
                              extra=", actor: Sweden"))
    result = briefgen(project, "build", "config/long.yaml", timeout=HANG, memory=2 * 2**30)
    assert (result.returncode, "Traceback" in result.stderr) == (0, False), result.stderr
    assert (project / "out" / "long.json").stat().st_size > 1000


def test_a_corrupt_word_file(project: Path) -> None:
    assert_unreadable(project, ".docx", word_file(BENIGN)[:3000], "not a readable Word")


def test_a_zip_bomb_renamed_docx(project: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", "<w:document/>")
        with bomb.open("word/media/bomb.bin", "w") as member:
            chunk = bytes(2**20)
            for _ in range(110):
                member.write(chunk)
    assert len(buffer.getvalue()) < 2**20
    assert_unreadable(project, ".docx", buffer.getvalue(), "unpacks to")


def test_an_encrypted_pdf(project: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf_file(BENIGN))))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert_unreadable(project, ".pdf", buffer.getvalue(), "encrypted")


def test_a_corrupt_pdf(project: Path) -> None:
    assert_unreadable(project, ".pdf", pdf_file(BENIGN)[:600], "damaged")


def test_a_pdf_without_text(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """An image-only page, as a scanner makes: the error says to run OCR."""
    from weasyprint import HTML

    image = tmp_path_factory.mktemp("image") / "page.svg"
    image.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
                     '<rect width="200" height="100" fill="gray"/></svg>')
    data = HTML(string=f'<img src="{image.as_uri()}">').write_pdf()
    assert_unreadable(project, ".pdf", data, "no text layer")


# --- odd but safe speeches: they just work ----------------------------------------------------

ACCENTED = ("Le délégué de la Suède a déclaré : « Nous soutenons l’accord de Genève », "
            "ça coûte 5 € par personne et par an.\n\nNous croyons à une coopération naïve "
            "mais sincère entre les États membres.\n")


def build_speech(project: Path, content: bytes, formats: str = "json, md, html",
                 section: str = "summary", extra: str = "") -> subprocess.CompletedProcess[str]:
    (project / "speeches" / "odd.txt").write_bytes(content)
    (project / "config" / "odd.yaml").write_text(
        spec_text("odd", "speeches/odd.txt", formats=formats, section=section, extra=extra))
    result = briefgen(project, "build", "config/odd.yaml")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "error:" not in result.stderr
    return result


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_legacy_and_utf16_encodings_are_decoded(project: Path, encoding: str) -> None:
    build_speech(project, ACCENTED.encode(encoding))
    for suffix in ("json", "md", "html"):
        text = (project / "out" / f"odd.{suffix}").read_text(encoding="utf-8")
        assert "délégué de la Suède" in text and "5 €" in text and "naïve" in text
        assert "\ufffd" not in text


NON_LATIN = {"Cyrillic": "Российская Федерация поддерживает договор",
             "Greek": "Η Ελλάδα υποστηρίζει το σύμφωνο",
             "Arabic": "تدعم الحكومة الاتفاق العالمي",
             "CJK": "中国政府支持全球移民契约，并愿意加强合作。"}


@pytest.mark.parametrize("script", NON_LATIN)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded_in_any_script(project: Path, script: str,
                                                       encoding: str) -> None:
    """Cyrillic or Greek in UTF-16 without a BOM is valid UTF-8 byte for byte (every byte is
    below 0x80): it used to come out as '>AA89A:0O'; CJK was refused as binary."""
    words = NON_LATIN[script]
    text = "".join(f"Sweden welcomes the words {words} in the statement of meeting {n} today."
                   "\n\n" for n in range(1, 4))
    build_speech(project, text.encode(encoding), formats="json", section="positions",
                 extra=", actor: Sweden")
    got = (project / "out" / "odd.json").read_text(encoding="utf-8")
    assert f"Sweden welcomes the words {words} in the statement of meeting 1" in got, got[:800]


def test_utf8_with_a_few_windows_1252_bytes_stays_utf8(project: Path) -> None:
    """One pasted Windows-1252 quote no longer turns every other accent into 'Ã©'."""
    text = ("Le délégué de la Suède a déclaré que la coopération régionale était nécessaire "
            "et que les États membres devaient agir ensemble.\n\n").encode()
    data = text + ("Nous soutenons l’accord de Genève et la coopération entre tous les pays "
                   "de la région.\n").encode("cp1252")
    build_speech(project, data, formats="json")
    got = (project / "out" / "odd.json").read_text(encoding="utf-8")
    assert "délégué de la Suède" in got and "Ã" not in got
    assert "l’accord" in got and "\ufffd" not in got


def test_unicode_line_separators_do_not_break_the_output_lines(project: Path) -> None:
    """U+2028 and U+2029 are line breaks: taken as such, they cannot split a printed line."""
    text = ("Sweden supports the compact\u2028and we believe in cooperation between all the "
            "states here today.\u2029We are concerned by the situation of migrants.\n")
    result = build_speech(project, text.encode(), formats="json", section="positions",
                          extra=", actor: Sweden")
    assert "\u2028" not in result.stdout and "\u2029" not in result.stdout
    assert all(line.startswith("config/odd.yaml: ") for line in result.stdout.splitlines())
    got = (project / "out" / "odd.json").read_text(encoding="utf-8")
    assert "\\u2028" not in got and "\u2028" not in got
    assert "Sweden supports the compact and we believe" in got


def test_nul_and_control_characters_are_removed_and_the_docx_is_valid_xml(project: Path) -> None:
    import docx
    from lxml import etree

    dirty = ("Sweden\x00 supports the\x01 compact\x07 and we\x1b believe in\x0b cooperation "
             "\x7fbetween\x85 all the states\ufeff here today.\n\nA second\x0c paragraph.\n")
    build_speech(project, dirty.encode(), formats="docx, json")
    data = (project / "out" / "odd.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))  # raises on invalid XML
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Sweden supports the compact and we believe in cooperation between all" in text
    assert not re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", text)


class _Spy(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Spy.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def spy_server() -> Iterator[str]:
    """A local web server that records every request: nothing must reach it."""
    _Spy.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Spy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_template_syntax_markup_and_links_in_a_speech_are_shown_literally(
        project: Path, spy_server: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    secret = tmp_path_factory.mktemp("secret") / "secret.txt"
    secret.write_text("SECRET-CONTENT-7f3a")
    speech = (
        "Statement by Sweden\n\n"
        "Sweden supports the template {{ 7*7 }} and {% for x in y %}loops{% endfor %} here.\n\n"
        "We believe <script>alert(1)</script> must appear literally in the brief today.\n\n"
        f'We note <img src="file:///etc/passwd"> and <img src="{secret.as_uri()}"> in it.\n\n'
        f"We are concerned by {spy_server}/page and [a link]({spy_server}/md) in it.\n"
    )
    build_speech(project, speech.encode(), formats="docx, pdf, html, md", section="positions",
                 extra=", actor: Sweden")
    out = project / "out"
    html = (out / "odd.html").read_text()
    assert "{{ 7*7 }}" in html and "{% for x in y %}" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert '&lt;img src=&#34;file:///etc/passwd&#34;&gt;' in html and '<img src="file' not in html
    assert f"{spy_server}/page" in html
    for text in (pdf_text(out / "odd.pdf"), docx_text(out / "odd.docx")):
        flat = " ".join(text.split())
        assert "{{ 7*7 }}" in flat and "{% for x in y %}loops{% endfor %}" in flat
        assert "<script>alert(1)</script>" in flat
        assert '<img src="file:///etc/passwd">' in flat and f"{spy_server}/page" in flat
        assert "SECRET-CONTENT" not in flat and "root:" not in flat
    md = (out / "odd.md").read_text()
    assert r"{{ 7\*7 }}" in md and r"\<script\>" in md
    assert _Spy.requests == []  # never fetched


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# --- scripts: a font with the glyphs, or a warning naming the script ---------------------------

SCRIPTS = {"Arabic": "مرحبا بالعالم", "Hebrew": "שלום עולם", "CJK": "中文测试文本",
           "emoji": "😀🎉"}


def families_with(char: str) -> set[str]:
    """Installed font families that have a glyph for `char`, as fontconfig sees them."""
    found = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"], capture_output=True,
                           text=True, check=True).stdout
    return {_squash(name) for line in found.splitlines() for name in line.split(",")}


def _squash(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def pdf_fonts_by_char(path: Path) -> dict[str, set[str]]:
    """Each character of the PDF's text -> the names of the fonts that draw it (ToUnicode)."""
    from pypdf import PdfReader

    found: dict[str, set[str]] = {}
    for page in PdfReader(path).pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            name = _squash(str(font["/BaseFont"]).split("+", 1)[-1])
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for hexes in re.findall(r"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", cmap):
                text = bytes.fromhex(hexes).decode("utf-16-be", errors="ignore")
                for char in text:
                    found.setdefault(char, set()).add(name)
    return found


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig's fc-list not installed")
def test_right_to_left_cjk_and_emoji_have_fonts_or_a_warning(project: Path) -> None:
    lines = [f"Sweden welcomes the words {text} in the statement of this meeting today."
             for text in SCRIPTS.values()]
    result = build_speech(project, "\n\n".join(lines).encode(), formats="pdf, html",
                          section="positions", extra=", actor: Sweden")
    drawn = pdf_fonts_by_char(project / "out" / "odd.pdf")
    for script, text in SCRIPTS.items():
        for char in text.replace(" ", ""):
            having = families_with(char)
            if not having:  # no installed font has it: the build must say so, naming the script
                assert "no installed font has glyphs for" in result.stdout
                assert script in result.stdout
                continue
            assert char in drawn, (script, char)
            assert any(name.startswith(tuple(having)) for name in drawn[char]), (
                script, char, drawn[char], having)
    assert "no installed font" not in result.stdout or not all(
        families_with(c) for t in SCRIPTS.values() for c in t.replace(" ", ""))


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig's fc-list not installed")
def test_a_script_no_font_has_is_named_in_a_warning(project: Path) -> None:
    runic = "ᚠᛇᚻ"
    if any(families_with(c) for c in runic):
        pytest.skip("a font with Runic glyphs is installed")
    result = build_speech(project, f"Sweden welcomes the runes {runic} in this statement of "
                          "the meeting today.\n".encode(), formats="pdf", section="positions",
                          extra=", actor: Sweden")
    warnings = [line for line in result.stdout.splitlines() if "no installed font" in line]
    assert len(warnings) == 1 and "Runic" in warnings[0], result.stdout
    assert warnings[0].startswith("config/odd.yaml: warning: PDF:")


@pytest.mark.parametrize("script", ["Cyrillic", "Greek", "Arabic", "CJK"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_decodes_text_of_one_script(script: str, encoding: str) -> None:
    """The same without any ASCII letters to help: only spaces, punctuation and line ends."""
    from briefgen.corpus.decode import decode_text

    text = "\n\n".join([NON_LATIN[script]] * 4) + "\n"
    assert decode_text("odd.txt", text.encode(encoding)) == text


def test_text_in_a_legacy_encoding_is_not_taken_for_utf16() -> None:
    """8-bit text with a stray NUL byte has NULs in one byte lane too; it stays what it is."""
    from briefgen.corpus.decode import decode_text

    data = bytearray(ACCENTED.encode("cp1252"))
    data[41] = 0
    assert decode_text("odd.txt", bytes(data)) == ACCENTED[:41] + ACCENTED[42:]
