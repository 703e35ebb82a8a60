import collections, copy, tempfile, yaml
from pathlib import Path
from hypothesis import given, settings, HealthCheck, strategies as st
import tests.test_spec as t
from briefgen.spec import load_spec
from briefgen.errors import SpecError
seen = collections.Counter()

@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_mut(data):
    spec = copy.deepcopy(t._SMALL); node = spec
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = data.draw(st.sampled_from(keys) | st.sampled_from(t._KEYS))
        child = node[key] if key in keys else None
        if isinstance(child, dict | list) and data.draw(st.booleans()):
            node = child; continue
        if isinstance(node, dict) or key in keys:
            node[key] = data.draw(t._values)
        break
    with tempfile.TemporaryDirectory() as folder:
        for name in ("a.txt", "b1.txt", "b2.md"):
            (Path(folder) / name).write_text("Hello.\n", encoding="utf-8")
        p = Path(folder) / "spec.yaml"; p.write_text(yaml.safe_dump(spec, allow_unicode=True))
        try: load_spec(p); seen["OK"] += 1
        except SpecError as e:
            m = str(e).split(": ", 2)[-1]; seen[m[:40]] += 1

def test_report():
    for k, v in seen.most_common(40): print(v, k)
