"""Coverage-guided fuzzing of what strangers hand us: speech text and spec files.

Run for as long as you like (libFuzzer options after the target):
    pip install atheris
    python fuzz/fuzz_inputs.py normalise -max_total_time=600
    python fuzz/fuzz_inputs.py spec -max_total_time=600
A crash is any exception other than briefgen's own error type, or an extracted item whose
text is not in the speech; libFuzzer saves the input that caused it as crash-*.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["briefgen"]):
    from briefgen.corpus.decode import clean, decode
    from briefgen.corpus.normalise import normalise
    from briefgen.errors import BriefgenError
    from briefgen.extract import params_for, run
    from briefgen.model import Metadata, Speech
    from briefgen.spec import load_spec

SECTIONS = [("takeaways", {}), ("priorities", {}), ("positions", {"actor": "Sweden"}),
            ("summary", {"sentences": 3})]
WORK = Path(tempfile.mkdtemp(prefix="briefgen-fuzz-"))
(WORK / "templates").mkdir()


def fuzz_normalise(data: bytes) -> None:
    """Normalise and extract every section; items must be quoted from the speech."""
    blocks = normalise(clean(decode(data))).body
    speech = Speech("s", Path("s.txt"), Metadata(), blocks)
    whole = "\n\n".join(block.text for block in blocks)
    for kind, options in SECTIONS:
        for item in run([speech], params_for(kind, "s", options)).items:
            if any(part not in whole for part in item.text.split("\n\n")):
                raise AssertionError(f"item not verbatim: {item.text[:80]!r}")


def fuzz_spec(data: bytes) -> None:
    """Load arbitrary bytes as a spec: only SpecError may come out."""
    path = WORK / "spec.yaml"
    path.write_bytes(data)
    with contextlib.suppress(BriefgenError):
        load_spec(path)


TARGETS = {"normalise": fuzz_normalise, "spec": fuzz_spec}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
