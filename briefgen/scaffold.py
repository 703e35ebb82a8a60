"""`briefgen init [DIR]`: a new project that builds at once.

A project is a folder with `config/` (specs), `speeches/` (speeches and their metadata)
and, when written, `out/` (briefs; ignored by git). Its templates are the ones that ship
with briefgen until `briefgen templates new` copies them into its own `templates/`. The
example speech is briefgen's own text, written for this purpose, so the example builds.
"""

from __future__ import annotations

import json
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.places import shown

SPEC = """\
# yaml-language-server: $schema=../briefgen.schema.json
# An example brief. Every *.yaml file in config/ is one brief; copy this one to start another.
#   briefgen check config/example.yaml    validate it (and its speeches, its template)
#   briefgen build config/example.yaml    write out/example.docx and out/example.pdf
# The first line lets an editor with the YAML language server (VS Code's YAML extension)
# complete and check every key; `briefgen schema` prints the same schema.

brief:                                   # the header block of the brief
  title: "Labour mobility: example brief"
  classification: UNCLASSIFIED           # printed at the top and bottom of every page
  delegation: Example delegation         # who the brief is for
  meeting: Regional Workshop on Labour Mobility, follow-up meeting
  date: 2025-06-01                       # YYYY-MM-DD
  # ministry: Ministry of ...            # more header fields: ministry, unit, reference,
  # contact: Name, +00 000 000, e-mail   # contact, place, author (see `briefgen schema`)

template: briefing-note                  # or talking-points; `briefgen templates` lists them
formats: [docx, pdf]                     # also html, md, json

speeches:                                # id -> file or glob, relative to the project root
  workshop-closing: speeches/example-closing-remarks.txt
  # all: "speeches/*.txt"                # a glob: one speech per file, its name as id

sections:                                # in the order of the brief
  - title: Purpose
    type: text                           # your own words, in Markdown
    text: |
      Prepares the delegation for the follow-up meeting of the workshop. Every item below
      is quoted from the speech it cites.

  - title: Key takeaways of the workshop
    type: takeaways                      # the points a speaker announces ("three takeaways")
    from: workshop-closing

  - title: In the chair's words
    type: summary                        # the most central sentences, quoted in order
    sentences: 2
    from: workshop-closing

  - title: Sources
    type: sources                        # the speeches the brief cites
"""

SPEECHES_README = """\
# Speeches

Put the speeches a brief draws on here: Word (`.docx`), PDF (`.pdf`, with a text layer),
web pages saved as `.html`, Markdown (`.md`) or plain text (`.txt`).

    briefgen speeches add ~/Downloads/statement.pdf    # copy one in, with its metadata
    briefgen speeches                                  # list them, and what is missing

Beside each speech, a metadata file of the same name ending in `.yaml` says what a brief
cites: title, short_title (used in every citation), speaker, role, organisation, event,
date, place. `briefgen speeches add` writes it from what the speech's header says and
marks every value it detected or guessed: check those before a brief goes out.

A spec in `config/` names speeches by id, a file (`speeches/x.txt`) or a glob
(`speeches/*.txt`). `briefgen speeches rename OLD NEW` and `briefgen speeches remove ID`
keep the specs in `config/` in step.

`example-closing-remarks.txt` was written for this example; delete it (and its `.yaml`)
once you have speeches of your own, and take it out of `config/example.yaml`. (This file
has no suffix such as .md or .txt, so that no glob takes it for a speech.)
"""

EXAMPLE_SPEECH = """\
CLOSING REMARKS

Jordan Example
Chair, Regional Workshop on Labour Mobility

Regional Workshop on Labour Mobility
12 March 2025, Geneva

Colleagues, friends,

Thank you all for two days of frank and practical discussion. Many of you travelled far
to be here, and the quality of the exchanges showed it.

We heard from ministries of labour and of the interior, from employers, from trade
unions and from workers who have themselves moved across borders for a job. The picture
they drew was not always comfortable, but it was shared.

Let me close with three main takeaways.

1. Fair recruitment is the foundation of safe labour mobility. Workers should never pay
fees to get a job abroad, and governments on both sides of a corridor can agree on how
recruiters are licensed and checked.

2. Skills must travel with the people who hold them. A nurse or an electrician who
cannot have a qualification recognised loses years, and the country of destination loses
the skills it was looking for.

3. Better data makes better policy. Countries of origin and destination should publish
comparable figures on recruitment costs, wages and returns, so that progress can be
measured and not only announced.

Next steps

None of this is new, but the commitment in this room to act on it together is. The
secretariat will circulate a short summary of the discussion in the coming weeks.

Thank you.
"""

EXAMPLE_METADATA = """\
# Metadata of the speech beside this file: what the brief says about it (briefgen reads it
# before the text). short_title is what every citation prints.
title: Closing remarks
short_title: Example, closing remarks, workshop 2025
speaker: Jordan Example
role: Chair
event: Regional Workshop on Labour Mobility
date: 2025-03-12
place: Geneva
language: en
"""

GITIGNORE = """\
# What briefgen writes: the briefs, their manifests and locks (rebuilt from the rest).
out/
# A virtual environment with briefgen in it, when it lives in the project (see the README).
.venv/
"""


def project_files() -> dict[str, str]:
    """Every file of a new project, by path relative to its root."""
    from briefgen.spec import spec_schema  # pydantic: only when a project is made

    schema = json.dumps(spec_schema(), ensure_ascii=False, indent=2) + "\n"
    return {
        "config/example.yaml": SPEC,
        "speeches/README": SPEECHES_README,
        "speeches/example-closing-remarks.txt": EXAMPLE_SPEECH,
        "speeches/example-closing-remarks.yaml": EXAMPLE_METADATA,
        ".gitignore": GITIGNORE,
        "briefgen.schema.json": schema,
    }


def init_project(folder: Path) -> list[Path]:
    """Write a new project into `folder` (made if need be); refuse if any of its files exists."""
    files = project_files()
    there = [name for name in files if (folder / name).exists()]
    if there:
        raise BriefgenError(f"already has {', '.join(there)}; nothing written "
                            "(a project is made only in a folder without these files)",
                            shown(folder))
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
