"""DfE children's services statistical neighbours (2025 model, and 2021 for history) as RDF.

Each neighbour pair is a node (``cyp:StatisticalNeighbourRelation``) so it can carry the model, the
rank (1 = nearest) and DfE's closeness band, which is the only "distance" the open tables publish.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from kg.imports.rdf_files import Node, iri, lit, turtle_file
from kg.imports.reference import Authority, authorities
from kg.imports.tables import IndicatorInputError
from kg.namespaces import CYP, ID, PREFIXES

SN_2025 = "statistical-neighbours/sn_model_2025_wide.csv"
SN_2021 = "statistical-neighbours/New_Statistical_Neighbour_Groupings_April_2021.csv"
_REPO = (
    "https://github.com/dfe-analytical-services/CSC_outcomes_and_enablers/blob/2f5d11a431050523dab58810083259d3313029ae"
)
SOURCE_IRIS = {
    SN_2025: f"{_REPO}/data-raw/sn_model_2025_wide.csv",
    SN_2021: f"{_REPO}/data-raw/New_Statistical_Neighbour_Groupings_April_2021.csv",
}
MODELS = {  # file → (model slug, as-at date used to pick the council a code meant then, title)
    SN_2025: ("sn-2025", "2025-05-01", "DfE children's services statistical neighbours, 2025 model"),
    SN_2021: ("sn-2021", "2021-04-01", "DfE children's services statistical neighbours, April 2021 groupings"),
}
# DfE's closeness bands, nearest first; the band's position is the ordinal "distance" (1 = closest).
BANDS = ["extremely close", "very close", "close", "somewhat close", "not close"]
OGL = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class NeighbourRow:
    model: str
    authority: str
    neighbour: str
    rank: int
    band: str
    row: int


def resolve(code: str, on: str, auths: list[Authority]) -> Authority | None:
    """The council that held DfE code `code` on date `on` (ISO), else the current one."""
    candidates = [a for a in auths if a.dfe_code == code]
    for a in candidates:
        if (not a.start or a.start <= on) and (not a.end or on < a.end):
            return a
    current = [a for a in candidates if a.current]
    return current[0] if current else (candidates[0] if candidates else None)


def read_model(path: Path, key: str, auths: list[Authority]) -> list[NeighbourRow]:
    """One model's table as rows; the 2021 file's repeated ``SNP`` header is read by position."""
    slug, on, _title = MODELS[key]
    rows: list[NeighbourRow] = []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        code_col = 0
        first_sn = header.index("SN_1" if "SN_1" in header else "SN1") if ("SN_1" in header or "SN1" in header) else -1
        if first_sn < 0:
            raise IndicatorInputError("no SN_1/SN1 column", file=key, row=1, column="SN_1")
        for n, rec in enumerate(reader, start=2):
            code = rec[code_col].strip() if rec else ""
            if not re.fullmatch(r"\d{3}", code):
                continue  # blank separator rows and the "Old SNs:" banner in the 2021 file
            me = resolve(code, on, auths)
            if me is None:
                raise IndicatorInputError(f"unknown LA code {code!r}", file=key, row=n, column=header[0])
            for rank in range(1, 11):
                col = first_sn + 2 * (rank - 1)
                other_code = rec[col].strip()
                band = rec[col + 1].strip()
                other = resolve(other_code, on, auths)
                if other is None:
                    raise IndicatorInputError(
                        f"unknown neighbour LA code {other_code!r}", file=key, row=n, column=header[col]
                    )
                if band.lower() not in BANDS:
                    raise IndicatorInputError(
                        f"unknown closeness band {band!r}", file=key, row=n, column=header[col + 1]
                    )
                rows.append(NeighbourRow(slug, me.slug, other.slug, rank, band, n))
    return rows


def neighbours_turtle(sources: Path) -> str:
    """statistical-neighbours.ttl: both models, one relation node per (model, authority, rank)."""
    auths = authorities()
    by_slug = {a.slug: a for a in auths}
    nodes = []
    for key, (slug, on, title) in MODELS.items():
        src = Node(SOURCE_IRIS[key], [PREFIXES["prov"] + "Entity"])
        src.add(PREFIXES["dcterms"] + "title", lit(title))
        src.add(PREFIXES["dcterms"] + "publisher", lit("Department for Education"))
        src.add(PREFIXES["dcterms"] + "license", iri(OGL))
        src.add(CYP.sourceFile, lit(f"data/sources/indicators/{key}"))
        nodes.append(src)
        model = Node(str(ID[f"neighbour-model/{slug}"]), [CYP.StatisticalNeighbourModel])
        model.add(PREFIXES["rdfs"] + "label", lit(title))
        model.add(PREFIXES["dcterms"] + "issued", lit(on[:4], PREFIXES["xsd"] + "gYear"))
        model.add(PREFIXES["prov"] + "wasDerivedFrom", iri(SOURCE_IRIS[key]))
        nodes.append(model)
        for r in read_model(sources / key, key, auths):
            n = Node(str(ID[f"neighbour/{slug}-{r.authority}-{r.rank:02d}"]), [CYP.StatisticalNeighbourRelation])
            n.add(CYP.neighbourModel, iri(model.subject))
            n.add(CYP.neighbourOf, iri(by_slug[r.authority].iri))
            n.add(CYP.neighbour, iri(by_slug[r.neighbour].iri))
            n.add(CYP.neighbourRank, lit(str(r.rank), PREFIXES["xsd"] + "integer"))
            n.add(CYP.closeness, lit(r.band[0].upper() + r.band[1:].lower()))
            n.add(CYP.closenessRank, lit(str(BANDS.index(r.band.lower()) + 1), PREFIXES["xsd"] + "integer"))
            n.add(PREFIXES["prov"] + "wasDerivedFrom", iri(SOURCE_IRIS[key]))
            nodes.append(n)
    return turtle_file(nodes, "DfE children's services statistical neighbours, 2025 and 2021 models (OGL v3)")
