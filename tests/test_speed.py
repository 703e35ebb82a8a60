"""The fast path: the parse cache, parallel builds, deferred imports, the subsetter warning."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.corpus import SpeechCache, load_speech
from briefgen.corpus import cache as cache_module
from briefgen.corpus.inline import strip_all_markup, strip_markup
from briefgen.corpus.lines import _all_caps

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "speeches" / "2018-03-27-iom-idm-closing-remarks.txt"
HEAVY = ("weasyprint", "docx", "docxtpl", "fontTools")


def copy_speech(folder: Path) -> Path:
    """The seed and its sidecar in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SEED.with_suffix(".yaml"), folder / SEED.with_suffix(".yaml").name)
    return folder / SEED.name


def entries(cache: SpeechCache) -> list[Path]:
    assert cache.folder is not None
    return sorted(cache.folder.glob("*.json"))


def test_cache_hit_gives_the_same_speech(tmp_path: Path) -> None:
    path = copy_speech(tmp_path / "speeches")
    cache = SpeechCache(tmp_path / "cache")
    parsed = load_speech(path, "s", cache)
    cached = load_speech(path, "s", cache)
    assert (cache.misses, cache.hits) == (1, 1)
    assert cached == parsed
    assert load_speech(path, "s") == parsed  # and the same as without a cache
    assert len(entries(cache)) == 1


def test_cache_misses_after_a_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_speech(tmp_path / "speeches")
    cache = SpeechCache(tmp_path / "cache")
    load_speech(path, "s", cache)
    path.write_text(path.read_text(encoding="utf-8").replace("migration", "mobility"),
                    encoding="utf-8")
    changed = load_speech(path, "s", cache)
    assert cache.misses == 2 and "mobility" in " ".join(b.text for b in changed.blocks)
    sidecar = path.with_suffix(".yaml")
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("place: New York",
                                                                   "place: Geneva"),
                       encoding="utf-8")
    assert load_speech(path, "s", cache).metadata.place == "Geneva"
    assert cache.misses == 3
    monkeypatch.setattr(cache_module, "_code", ["another-briefgen"])
    newer = SpeechCache(tmp_path / "cache")
    assert newer.folder != cache.folder
    load_speech(path, "s", newer)
    assert (newer.misses, newer.hits) == (1, 0)
    assert cache.folder is not None and not cache.folder.exists()  # the old version's entries


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[]", b'{"format": 1}',
                                     b'{"format": 1, "metadata": {}, "blocks": [], "warnings": []}',
                                     b"\xff\xfe\x00"])
def test_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, garbage: bytes) -> None:
    path = copy_speech(tmp_path / "speeches")
    cache = SpeechCache(tmp_path / "cache")
    parsed = load_speech(path, "s", cache)
    [entry] = entries(cache)
    entry.write_bytes(garbage)
    assert load_speech(path, "s", cache) == parsed
    assert cache.hits == 0
    assert load_speech(path, "s", cache) == parsed and cache.hits == 1  # rewritten


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache_module.ENV, "off")
    assert SpeechCache.default().folder is None


def _load_many(args: tuple[str, str]) -> list[str]:
    folder, cache_dir = args
    cache = SpeechCache(Path(cache_dir))
    return [load_speech(p, p.stem, cache).blocks[0].text
            for _ in range(5) for p in sorted(Path(folder).glob("*.txt"))]


def test_concurrent_writers_leave_whole_entries(tmp_path: Path) -> None:
    folder = tmp_path / "speeches"
    folder.mkdir()
    for seed in sorted((ROOT / "speeches").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    with ProcessPoolExecutor(4) as pool:
        results = list(pool.map(_load_many, [(str(folder), str(tmp_path / "cache"))] * 8))
    assert all(result == results[0] for result in results)
    cache = SpeechCache(tmp_path / "cache")
    assert len(entries(cache)) == 5
    assert cache.folder is not None and not list(cache.folder.glob("*.tmp"))
    for entry in entries(cache):
        assert cache_module.decode(json.loads(entry.read_bytes())) is not None


@given(st.lists(st.sampled_from([*"ab AB*_<>&\\\t\u00a0\u2003.-\n", "<br>", "**", "&amp;"]),
                max_size=30).map("".join))
def test_strip_markup_shortcut_changes_nothing(text: str) -> None:
    assert strip_markup(text) == strip_all_markup(text)


@given(st.text(alphabet=st.sampled_from([*"aA bB1.ǅßẞİı中ΣσΩ\u0301ᾈ"]) | st.characters(),
               max_size=20))
def test_all_caps_shortcut_changes_nothing(text: str) -> None:
    letters = "".join(filter(str.isalpha, text))
    assert _all_caps(text) == (len(letters) >= 4 and all(map(str.isupper, letters)))


def run_briefgen(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's project with a third spec, built once."""
    root = tmp_path_factory.mktemp("project")
    for name in ("config", "speeches", "templates"):
        shutil.copytree(ROOT / name, root / name)
    spec = (root / "config" / "gcm-prep.yaml").read_text(encoding="utf-8")
    (root / "config" / "gcm-prep-md.yaml").write_text(
        spec.replace("formats: [docx, pdf]", "formats: [md, html]")
        .replace("output: gcm-prep", "output: gcm-prep-md"), encoding="utf-8")
    done = run_briefgen(["build", "config", "--jobs", "2"], root)
    assert done.returncode == 0, done.stderr
    return root


def test_jobs_output_is_one_block_per_spec_in_order(project: Path) -> None:
    done = run_briefgen(["build", "config", "--force", "--jobs", "2", "--explain"], project)
    assert done.returncode == 0, done.stderr
    specs = [line.split(":")[0] for line in done.stdout.splitlines()]
    order = list(dict.fromkeys(specs))
    assert order == ["config/gcm-prep-md.yaml", "config/gcm-prep.yaml",
                     "config/gcm-talking-points.yaml"]
    assert specs == sorted(specs, key=order.index)  # each spec's lines together
    for spec in order:
        assert f"{spec}: wrote " in done.stdout


def test_jobs_json_and_skipped_specs(project: Path) -> None:
    (project / "out" / "gcm-prep-md.md").unlink()
    done = run_briefgen(["build", "config", "--json", "-j", "3"], project)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert [s["status"] for s in summary["specs"]] == ["built", "skipped", "skipped"]
    assert run_briefgen(["build", "config", "--jobs", "0"], project).returncode == 2


IMPORTED = """\
import sys
from briefgen.cli import main
wanted = set(sys.argv.pop().split(","))
sys.argv = ["briefgen", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = {m.split(".")[0] for m in sys.modules} & wanted
print("heavy:", ",".join(sorted(heavy)))
"""


@pytest.mark.parametrize("args", [
    ["--help"],
    ["build", "config/gcm-prep.yaml"],
    ["build", "config", "--jobs", "2"],
    ["check", "config/gcm-prep.yaml"],
    ["extract", "speeches/2018-03-27-iom-idm-closing-remarks.txt", "--section", "takeaways",
     "--format", "json"],
])
def test_commands_that_render_nothing_never_import_weasyprint_or_docx(project: Path,
                                                                       args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", IMPORTED, *args, ",".join(HEAVY)], cwd=project,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "heavy: "


def test_fallback_to_fonttools_is_reported_once(monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture) -> None:
    from weasyprint.pdf import fonts

    from briefgen.render import pdf

    monkeypatch.setattr(pdf, "_warned", [])
    pdf.warn_if_slow_subsetter()
    assert pdf.harfbuzz_subsetter() is True  # this machine has libharfbuzz-subset0
    assert not caplog.records
    monkeypatch.setattr(fonts, "harfbuzz_subset", None)  # as when the library is missing
    assert pdf.harfbuzz_subsetter() is False
    with caplog.at_level(logging.WARNING):
        pdf.warn_if_slow_subsetter()
        pdf.warn_if_slow_subsetter()
    assert [r.getMessage() for r in caplog.records] == [pdf.SLOW_SUBSETTER]
    assert "\n" not in pdf.SLOW_SUBSETTER and "libharfbuzz-subset0" in pdf.SLOW_SUBSETTER
