"""A realistic brief built by hand, for renderer tests that must not depend on extraction."""

from __future__ import annotations

from briefgen.model import (
    Brief,
    BriefInfo,
    Citation,
    Item,
    Metadata,
    Paragraph,
    Section,
    Source,
    SourceEntry,
)


def sample_brief(draft: bool = False) -> Brief:
    """Two speeches, a text section, a takeaways section, positions by topic and an empty one."""
    idm = Metadata(
        title="Closing remarks, International Dialogue on Migration 2018",
        short_title="IOM closing remarks, IDM 2018",
        organisation="International Organization for Migration (IOM)",
        event="International Dialogue on Migration, New York",
        date="2018-03-27",
    )
    swe = Metadata(
        title="Thematic consultation 3: International cooperation and governance of migration",
        short_title="Sweden, GCM thematic consultation 3",
        organisation="Government Offices of Sweden, Ministry of Justice",
        date="2017-11-08",
        reference="Ju2017/05987/EMA",
    )
    takeaways = Section(
        type="takeaways",
        title="Key takeaways of the IDM 2018",
        speeches=["idm-2018-closing"],
        announced_count=5,
        notes=["The speaker announced five takeaways; five were found."],
        items=[
            Item(
                number=1,
                headline="Global dialogue and cooperation among all actors – including youth – "
                "on migration governance are paramount to success.",
                text="Global dialogue and cooperation among all actors – including youth – on "
                "migration governance are paramount to success. Genuine partnerships and "
                "cooperation, with all relevant actors, will enable us to deliver on the "
                "commitments we will make on migration in the GMC.",
                source=Source("idm-2018-closing", 12, None),
                citation=1,
            ),
            Item(
                number=2,
                headline="Migration data and data analysis must be available to ensure "
                "effective policy-making.",
                text="Migration data and data analysis must be available to ensure effective "
                "policy-making. As we heard yesterday, statistics guide decision-making.",
                source=Source("idm-2018-closing", 21, 2),
                citation=2,
            ),
        ],
    )
    positions = Section(
        type="positions",
        title="Sweden's positions",
        speeches=["sweden-tc3-2017"],
        items=[
            Item(
                number=1,
                headline="Sweden aligns itself with the statement by the EU Delegation on behalf "
                "of the EU and its Member States.",
                text="Sweden aligns itself with the statement by the EU Delegation on behalf of "
                "the EU and its Member States.",
                source=Source("sweden-tc3-2017", 60, None),
                topic="Panel 2: transit, entry and borders",
                stance="aligns",
                citation=3,
            ),
            Item(
                number=2,
                headline="Drawing on our own and EU experience, a number of lessons of relevance "
                "for the Global Compact can be learnt:",
                text="Drawing on our own and EU experience, a number of lessons of relevance for "
                "the Global Compact can be learnt:",
                subitems=[
                    "return policies and practices need to correspond to the legitimate interest "
                    "for speedy and efficient return procedures;",
                    "Voluntary return should be preferred.",
                ],
                source=Source("sweden-tc3-2017", 71, None),
                topic="Panel 3: Return, readmission, integration and reintegration",
                stance="other",
                citation=4,
            ),
        ],
    )
    empty = Section(
        type="takeaways",
        title="Key takeaways, closing remarks",
        speeches=["idm-2018-arbour"],
        empty_message="No enumerated takeaways in Closing remarks (Louise Arbour, 2018-03-27).",
        warnings=["idm-2018-arbour: no enumerated takeaways found"],
    )
    return Brief(
        info=BriefInfo(
            title="Global Compact for Migration: preparatory brief",
            classification="UNCLASSIFIED",
            delegation="Sweden",
            meeting="International Migration Review Forum",
            date="2026-12-01",
            place="New York",
            author="Division for Migration and Asylum Policy",
            ministry="Ministry of Justice",
            reference="Ju2026/00001/EMA",
            subject="Preparation of the Swedish delegation",
            keywords=["migration", "GCM", "IMRF"],
            draft=draft,
        ),
        sections=[
            Section(
                type="text",
                title="Purpose",
                paragraphs=[
                    Paragraph("This brief prepares the delegation for the meeting."),
                    Paragraph("Quote speakers only as cited.", kind="bullet"),
                ],
            ),
            takeaways,
            positions,
            empty,
            Section(type="sources", title="Sources"),
        ],
        citations=[
            Citation(1, "idm-2018-closing", "IOM closing remarks, IDM 2018", 12, None),
            Citation(2, "idm-2018-closing", "IOM closing remarks, IDM 2018", 21, 2),
            Citation(3, "sweden-tc3-2017", "Sweden, GCM thematic consultation 3", 60, None),
            Citation(4, "sweden-tc3-2017", "Sweden, GCM thematic consultation 3", 71, None),
        ],
        sources=[
            SourceEntry("idm-2018-closing", "IOM closing remarks, IDM 2018", idm,
                        "speeches/2018-03-27-iom-idm-closing-remarks.txt"),
            SourceEntry("sweden-tc3-2017", "Sweden, GCM thematic consultation 3", swe,
                        "speeches/2017-11-08-sweden-gcm-thematic-consultation-3.txt"),
        ],
        warnings=["idm-2018-arbour: no enumerated takeaways found"],
        stamp="Built from 2 speeches; inputs 3f2a9c1d",
    )
