"""Whole-process time of `briefgen extract` on each seed, and normaliser and splitter throughput.

Run from the project root: python benchmarks/extract.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from briefgen.corpus import find_speeches
from briefgen.corpus.decode import clean, decode
from briefgen.corpus.normalise import normalise
from briefgen.sentences import sentences

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
SECTIONS = {
    "2018-03-27-iom-idm-closing-remarks": ["takeaways"],
    "2018-03-26-iom-idm-opening-remarks-swing": ["takeaways"],
    "2018-03-27-srsg-idm-closing-remarks-arbour": ["summary"],
    "2022-10-19-un-migration-network-annual-meeting-way-forward": ["priorities"],
    "2017-11-08-sweden-gcm-thematic-consultation-3": ["positions", "--actor", "Sweden"],
}


def whole_process(args: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def throughput(texts: list[str], function: object, repeat: int = 20) -> float:
    size = sum(len(t.encode()) for t in texts) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            function(text)  # type: ignore[operator]
    return size / (time.perf_counter() - start) / 1e6


def main() -> None:
    speeches = find_speeches(ROOT / "speeches")
    print(f"briefgen extract, whole process, median of {RUNS}:")
    for path in speeches:
        section = SECTIONS.get(path.stem, ["summary"])
        args = [sys.executable, "-m", "briefgen", "extract", str(path), "--section",
                section[0], *section[1:], "--format", "json"]
        print(f"  {whole_process(args):6.3f} s  {section[0]:<10} {path.name}")
    texts = [clean(decode(p.read_bytes())) for p in speeches]
    print(f"normaliser: {throughput(texts, normalise):.1f} MB/s on one core")
    print(f"sentence splitter (briefgen): {throughput(texts, sentences):.1f} MB/s")
    try:
        import pysbd
    except ImportError:
        print("sentence splitter (pysbd): not installed, not compared")
        return
    segmenter = pysbd.Segmenter(language="en", clean=False)
    print(f"sentence splitter (pysbd): {throughput(texts, segmenter.segment, 1):.2f} MB/s")
    ours = pysbd_total = agreed = 0
    for block_text in (b.text for t in texts for b in normalise(t).body):
        mine = sentences(block_text)
        theirs = [s.strip() for s in segmenter.segment(block_text) if s.strip()]
        ours, pysbd_total = ours + len(mine), pysbd_total + len(theirs)
        agreed += len(set(mine) & set(theirs))
    print(f"agreement with pysbd: {agreed} of {pysbd_total} pysbd sentences identical "
          f"(briefgen found {ours})")


if __name__ == "__main__":
    main()
