"""Which similarity tells a restated position from another one: token overlap or rapidfuzz.

Scores each measure on labelled pairs of positions: tests/data/similarity-pairs.yaml,
and every pair of positions from two different statements of tests/data/evolution/
(the same position when the gold gives both the same `position`). For each measure:
the best F1 over all thresholds, the thresholds that reach it, and the margin (lowest
score of a same pair minus highest score of a different pair; positive means one
threshold separates them all). rapidfuzz is measured when it is installed
(`pip install rapidfuzz`); briefgen does not depend on it.

Run from the project root: python benchmarks/similarity.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.extract.evolution import THRESHOLD, similarity, tokens, weights  # noqa: E402

DATA = ROOT / "tests" / "data"
ACTORS = ("Norway", "Finland", "Chile", "Ghana", "Kenya", "Mexico", "the EU", "We")


Pair = tuple[str, str, bool, str, dict[str, float]]  # a, b, same, actor, word weights


def labelled_pairs() -> list[Pair]:
    """Every pair of both sources; word weights over all the positions of its source, as
    an evolution section weighs the words of all its statements' positions."""
    listed = yaml.safe_load((DATA / "similarity-pairs.yaml").read_text())["pairs"]
    texts = {t: _actor(p["a"]) for p in listed for t in (p["a"], p["b"])}
    weight = weights([tokens(t, actor) for t, actor in texts.items()])
    pairs = [(p["a"], p["b"], p["same"], texts[p["a"]], weight) for p in listed]
    gold = yaml.safe_load((DATA / "evolution-gold.yaml").read_text())
    statements = list(gold["positions"].values())
    weight = weights([tokens(p["headline"], gold["actor"]) for s in statements for p in s])
    for k, first in enumerate(statements):
        for later in statements[k + 1 :]:
            pairs += [(a["headline"], b["headline"], a["position"] == b["position"],
                       gold["actor"], weight) for a in first for b in later]
    return pairs


def _actor(text: str) -> str:
    return next((a for a in ACTORS if a.removeprefix("the ") in text), "")


Measure = Callable[[str, str, str, dict[str, float]], float]
BRIEFGEN = "weighted token overlap (briefgen)"


def measures() -> dict[str, Measure]:
    def weighted(a: str, b: str, actor: str, weight: dict[str, float]) -> float:
        return similarity(tokens(a, actor), tokens(b, actor), weight)

    def overlap(a: str, b: str, actor: str, _weight: dict[str, float]) -> float:
        x, y = tokens(a, actor), tokens(b, actor)
        return len(x & y) / min(len(x), len(y)) if x and y else 0.0

    def dice(a: str, b: str, actor: str, _weight: dict[str, float]) -> float:
        x, y = tokens(a, actor), tokens(b, actor)
        return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0

    def jaccard(a: str, b: str, actor: str, _weight: dict[str, float]) -> float:
        x, y = tokens(a, actor), tokens(b, actor)
        return len(x & y) / len(x | y) if x | y else 0.0

    found: dict[str, Measure] = {
        BRIEFGEN: weighted, "token overlap coefficient, unweighted": overlap,
        "token Dice": dice, "token Jaccard": jaccard}
    try:
        from rapidfuzz import fuzz, utils
    except ImportError:
        return found
    for name in ("token_set_ratio", "token_sort_ratio", "WRatio", "ratio"):
        scorer = getattr(fuzz, name)
        found[f"rapidfuzz {name}"] = (lambda s: lambda a, b, _actor, _w: s(
            a, b, processor=utils.default_process) / 100)(scorer)
        found[f"rapidfuzz {name} on briefgen's tokens"] = (lambda s: lambda a, b, actor, _w: s(
            " ".join(sorted(tokens(a, actor))), " ".join(sorted(tokens(b, actor)))) / 100)(scorer)
    return found


GOOD = 0.95


def f1(scored: list[tuple[float, bool]], cut: float) -> float:
    tp = sum(1 for s, same in scored if s >= cut and same)
    fp = sum(1 for s, same in scored if s >= cut and not same)
    fn = sum(1 for s, same in scored if s < cut and same)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_f1(scored: list[tuple[float, bool]]) -> tuple[float, float, float]:
    """Best F1 over thresholds, and the range (low, high] of thresholds reaching it."""
    cuts = sorted({s for s, _ in scored})
    results = [(f1(scored, cut), cut) for cut in cuts]
    top = max(f for f, _ in results)
    reaching = [cut for f, cut in results if f == top]
    # a threshold between two scores classifies as the higher one does
    below = [c for c in cuts if c < min(reaching)]
    return top, below[-1] if below else 0.0, max(reaching)


def main() -> None:
    pairs = labelled_pairs()
    same = sum(1 for pair in pairs if pair[2])
    print(f"{len(pairs)} labelled pairs, {same} the same position\n")
    print("| measure | best F1 | thresholds reaching it | width of the band of F1 >= 0.95 "
          "| margin |")
    print("|---|---:|---|---:|---:|")
    for name, measure in measures().items():
        scored = [(measure(a, b, actor, w), s) for a, b, s, actor, w in pairs]
        top, low, high = best_f1(scored)
        margin = (min(x for x, s in scored if s) - max(x for x, s in scored if not s))
        band = sum(0.01 for t in range(101) if f1(scored, t / 100) >= GOOD)
        print(f"| {name} | {top:.2f} | above {low:.3f}, up to {high:.3f} | {band:.2f} "
              f"| {margin:+.3f} |")
    ours = measures()[BRIEFGEN]
    at_default = [(ours(a, b, actor, w), s) for a, b, s, actor, w in pairs]
    wrong = [(round(x, 2), s, a[:50], b[:50]) for (x, s), (a, b, *_r) in zip(at_default, pairs,
             strict=True) if (x >= THRESHOLD) != s]
    print(f"\nbriefgen's threshold {THRESHOLD}: F1 {f1(at_default, THRESHOLD):.2f}, {len(wrong)} "
          "pairs on the wrong side", *wrong, sep="\n")


if __name__ == "__main__":
    main()
