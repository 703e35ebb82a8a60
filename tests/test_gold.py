"""The gold check on the seeds, run as the acceptance checks run it: the CLI, as a process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from briefgen.extract.stance import PREDICATES

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# The seeds under the names the gold file uses, copied without their metadata sidecars so
# that detection from the text is what is measured.
SEEDS = {
    "000_332575a0bca4d3b8.txt": "2018-03-27-iom-idm-closing-remarks.txt",
    "001_9b21265d3bfde116.txt": "2018-03-26-iom-idm-opening-remarks-swing.txt",
    "002_8c50208df74ac3f9.txt": "2018-03-27-srsg-idm-closing-remarks-arbour.txt",
    "003_eb7593bbdb9009b7.txt": "2022-10-19-un-migration-network-annual-meeting-way-forward.txt",
    "004_53458c2134b88141.txt": "2017-11-08-sweden-gcm-thematic-consultation-3.txt",
}
BRIEFGEN = f"{sys.executable} -m briefgen"
STANCE_LABELS = {label for label, _ in PREDICATES} - {"thanks", "procedure", "expected"} | {
    "sets out", "concludes", "stresses", "believes"}


def seeds_folder(tmp_path: Path) -> Path:
    for gold_name, ours in SEEDS.items():
        shutil.copyfile(ROOT / "speeches" / ours, tmp_path / gold_name)
    return tmp_path


def test_gold_f1_is_one(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path)
    proc = subprocess.run(
        [
            sys.executable,
            str(DATA / "goldcheck.py"),
            "--gold",
            str(DATA / "gold-seeds.yaml"),
            "--speeches",
            str(folder),
            "--briefgen",
            BRIEFGEN,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stdout.splitlines()[-1].startswith("F1 1.000"), proc.stdout
    assert proc.returncode == 0, proc.stdout


def test_extract_json_contract_and_subitems(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path)
    path = folder / "004_53458c2134b88141.txt"
    proc = subprocess.run(
        [
            *BRIEFGEN.split(),
            "extract",
            str(path),
            "--section",
            "positions",
            "--actor",
            "Sweden",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(proc.stdout)
    assert set(result) == {"speech", "section", "announced_count", "items", "warnings"}
    assert set(result["speech"]) == {"id", "path", "title", "speaker", "date"}
    gold = yaml.safe_load((DATA / "gold-seeds.yaml").read_text())["speeches"]
    forbidden = gold["004_53458c2134b88141.txt"]["positions"]["forbidden_parts"]
    topics = {item["topic"] for item in result["items"]}
    assert topics == {
        "Panel 2: transit, entry and borders",
        "Panel 3: Return, readmission, integration and reintegration",
    }
    assert not topics & set(forbidden)
    lessons = next(i for i in result["items"] if i["subitems"])
    assert len(lessons["subitems"]) == 5
    assert lessons["subitems"][0].startswith("return policies and practices need to correspond")
    assert lessons["subitems"][-1].startswith("The success of return and reintegration")
    for item in result["items"]:
        assert set(item) == {"number", "headline", "text", "subitems", "topic", "stance", "source"}
        assert item["stance"] in STANCE_LABELS


def test_page_break_sentence_is_joined_in_item_one(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path)
    proc = subprocess.run(
        [
            *BRIEFGEN.split(),
            "extract",
            str(folder / "000_332575a0bca4d3b8.txt"),
            "--section",
            "takeaways",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    first = json.loads(proc.stdout)["items"][0]
    assert (
        "Genuine partnerships and cooperation, with all relevant actors, will enable us to "
        "deliver on the commitments we will make on migration in the GMC."
    ) in first["text"]
    assert json.loads(proc.stdout)["announced_count"] == 5


def test_metadata_detected_matches_gold(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path)
    gold = yaml.safe_load((DATA / "gold-seeds.yaml").read_text())["speeches"]
    for name in (
        "001_9b21265d3bfde116.txt",
        "002_8c50208df74ac3f9.txt",
        "003_eb7593bbdb9009b7.txt",
    ):
        proc = subprocess.run(
            [
                *BRIEFGEN.split(),
                "extract",
                str(folder / name),
                "--section",
                "summary",
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        speech = json.loads(proc.stdout)["speech"]
        assert speech["date"] == str(gold[name]["metadata"]["date"])
        if "speaker" in gold[name]["metadata"]:
            assert speech["speaker"] == gold[name]["metadata"]["speaker"]
