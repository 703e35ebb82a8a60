"""What's new: the items a build added or removed compared with the previous build of the brief.

An item is known by its speech and headline (its paragraph number may shift
when a speech is corrected). A build whose items are those of the previous
build keeps the previous build's list of changes, so a rebuild for a template
tweak or `--force` does not wipe out what the delegation has not yet read.
"""

from __future__ import annotations

from typing import Any

from briefgen.model import Brief, Item

Record = dict[str, Any]  # {"section", "speech", "paragraph", "headline"}


def records(brief: Brief) -> list[Record]:
    """Every extracted item of the brief, as stored in the manifest."""
    return [_record(section.title, item) for section in brief.sections for item in section.items]


def _record(section: str, item: Item) -> Record:
    src = item.source
    return {"section": section, "speech": src.speech, "paragraph": src.paragraph,
            "headline": item.headline}


def _key(record: Record) -> tuple[str, str]:
    return record["speech"], record["headline"]


def compare(previous: dict[str, Any] | None, now: list[Record]) -> dict[str, Any]:
    """{"first", "added", "removed", "kept"} against the previous manifest's items and changes;
    "kept" when they are the previous build's changes, carried over."""
    if not previous or "items" not in previous:
        return {"first": True, "added": [], "removed": [], "kept": False}
    before = previous["items"]
    if sorted(map(_key, before)) == sorted(map(_key, now)):
        kept = previous.get("changes", {})
        return {"first": kept.get("first", False), "added": kept.get("added", []),
                "removed": kept.get("removed", []), "kept": True}
    old, new = {_key(r) for r in before}, {_key(r) for r in now}
    return {"first": False, "added": [r for r in now if _key(r) not in old],
            "removed": [r for r in before if _key(r) not in new], "kept": False}


def mark_new(brief: Brief, added: list[Record]) -> None:
    """Set `Item.new` on the brief's items that the previous build did not have."""
    keys = {_key(r) for r in added}
    for section in brief.sections:
        for item in section.items:
            item.new = (item.source.speech, item.headline) in keys


def describe(record: Record) -> str:
    """One line for people: section, headline, place in the speech."""
    headline = record["headline"]
    headline = headline if len(headline) <= 200 else headline[:199] + "…"  # one readable line
    return (f"{record['section']}: {headline} "
            f"({record['speech']}, para. {record['paragraph']})")


def markdown(title: str, stamp: str, changes: dict[str, Any]) -> str:
    """The `<name>.changes.md` file: what the last build that changed the items added, removed."""
    lines = [f"# What's new: {title}", "", f"{stamp}.", ""]
    if changes["first"]:
        lines += ["First build of this brief: nothing to compare with yet.", ""]
        return "\n".join(lines)
    if not changes["added"] and not changes["removed"]:
        lines += ["No items added or removed since the previous build.", ""]
    for heading, key in (("Added", "added"), ("Removed", "removed")):
        if changes[key]:
            lines += [f"## {heading} ({len(changes[key])})", ""]
            lines += [f"- {describe(r)}" for r in changes[key]] + [""]
    return "\n".join(lines)
