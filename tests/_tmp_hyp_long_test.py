from hypothesis import given, settings, HealthCheck, strategies as st
import yaml
import tests.test_spec as t

@settings(max_examples=4000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text())
def test_text(text): t._load_text(text)

@settings(max_examples=4000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(st.sampled_from(t._KEYS), t._values, max_size=6))
def test_map(d): t._load_text(yaml.safe_dump(d, allow_unicode=True))

@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary())
def test_bytes(b):
    import tempfile, pathlib
    from briefgen.spec import load_spec
    from briefgen.errors import SpecError
    with tempfile.TemporaryDirectory() as f:
        p = pathlib.Path(f)/"s.yaml"; p.write_bytes(b)
        try: load_spec(p)
        except SpecError as e: assert len(str(e).splitlines()) == 1
