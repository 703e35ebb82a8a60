"""JSON output: the whole brief model, for scripts and for golden-file tests (no template)."""

from __future__ import annotations

import json

from briefgen.model import Brief
from briefgen.template import Template


def render(brief: Brief, template: Template | None = None) -> bytes:
    """The brief as sorted, indented UTF-8 JSON ending in a newline; the template is not used."""
    text = json.dumps(brief.to_dict(), sort_keys=True, indent=2, ensure_ascii=False, default=str)
    return (text + "\n").encode("utf-8")
