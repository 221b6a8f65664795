"""Reference data as Turtle: authorities, legislation and the Every Child Matters outcomes.

The CSVs under ``data/sources/reference/`` are the source of truth; the Turtle files under
``data/reference/`` are generated from them (``python -m kg.imports.reference``) and committed, so a fresh
clone loads without network or ``/work/shared``. Output is sorted and written by pyoxigraph
(kg.imports.rdf_files), so a regeneration is byte-identical and a test can compare it with the committed files.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.config import REPO_ROOT
from kg.errors import InputError
from kg.imports.rdf_files import Node, iri, lit, turtle_file
from kg.namespaces import CYP, GSS, ID, PREFIXES, slugify

ROOT = REPO_ROOT
SOURCES = ROOT / "data" / "sources" / "reference"
OUT = ROOT / "data" / "reference"

MYSOC_CSV = "uk-local-authorities/uk_local_authorities_current.csv"
GIAS_CSV = "dfe-la-codes/EnglishLaNameCodes.csv"
LAS_CSV = "dfe-la-codes/las.csv"
AREAS_CSV = "comparator-areas/comparator_areas.csv"
LEG_CSV = "legislation-children-act-2004/legislation_uris.csv"
ECM_CSV = "legislation-children-act-2004/ecm_outcomes.csv"

# Where each copied CSV came from (the IRI that prov:wasDerivedFrom points at): the file at the
# commit it was copied from, so the claim can be checked against exactly that version.
SOURCE_IRIS: dict[str, str] = {
    MYSOC_CSV: "https://github.com/mysociety/uk_local_authority_names_and_codes/blob/"
    "67ef8b118938678401a452f4f19f669a7221cc73/data/packages/uk_la_past_current/"
    "uk_local_authorities_current.csv",
    GIAS_CSV: "https://github.com/dfe-analytical-services/dfeR/blob/"
    "9e3e11cdd7ff79b1b9ca175243fff9f27f22888e/data/EnglishLaNameCodes.csv",
    LAS_CSV: "https://github.com/dfe-analytical-services/dfeR/blob/"
    "9e3e11cdd7ff79b1b9ca175243fff9f27f22888e/data/las.csv",
    AREAS_CSV: "https://w3id.org/cypkg/id/source/comparator-areas",
    LEG_CSV: "https://w3id.org/cypkg/id/source/legislation-uris",
    ECM_CSV: "https://w3id.org/cypkg/id/source/ecm-outcomes",
}
SOURCE_META: dict[str, tuple[str, str, str]] = {  # title, publisher, licence IRI
    MYSOC_CSV: (
        "UK local authority names and codes (uk_la_past_current v1.6.1)",
        "mySociety",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    GIAS_CSV: (
        "Local authority name and associated codes (GIAS), via dfeR",
        "Department for Education",
        "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
    LAS_CSV: (
        "Local authorities with DfE and ONS codes (las.csv), via dfeR",
        "Department for Education",
        "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
    AREAS_CSV: (
        "England, regions and London sub-regions with DfE (LAIT) and ONS codes, compiled",
        "cypkg",
        "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
    LEG_CSV: (
        "Children Act 2004 identifier URIs and headings, compiled from legislation.gov.uk",
        "cypkg",
        "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
    ECM_CSV: (
        "Every Child Matters outcomes with Children Act 2004 s10(2) wording, compiled",
        "cypkg",
        "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
}

# mySociety local-authority-type → tier. "upper" = a children's services authority (county,
# unitary, metropolitan district, London borough, City of London); "lower" = a district under a county.
TIERS = {"CTY": "upper", "UA": "upper", "MD": "upper", "LBO": "upper", "CC": "upper", "NMD": "lower"}

ECM_SCHEME = ID["scheme/ecm"]


def source_node(key: str) -> Node:
    """The prov:Entity describing a source table (title, publisher, licence, local copy)."""
    title, publisher, licence = SOURCE_META[key]
    node = Node(SOURCE_IRIS[key], [PREFIXES["prov"] + "Entity"])
    node.add(PREFIXES["dcterms"] + "title", lit(title))
    node.add(PREFIXES["dcterms"] + "publisher", lit(publisher))
    node.add(PREFIXES["dcterms"] + "license", iri(licence))
    node.add(CYP.sourceFile, lit(f"data/sources/reference/{key}"))
    return node


def _read(key: str, sources: Path) -> list[dict[str, str]]:
    with (sources / key).open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------------- authorities


@dataclass(frozen=True)
class Authority:
    """One English council from the mySociety table, with its DfE code where it has one."""

    code: str
    slug: str
    nice_name: str
    official_name: str
    gss: str
    la_type: str
    la_type_name: str
    start: str
    end: str
    replaced_by: tuple[str, ...]
    region: str
    dfe_code: str | None

    @property
    def iri(self) -> str:
        return str(ID[f"authority/{self.slug}"])

    @property
    def tier(self) -> str | None:
        return TIERS.get(self.la_type)

    @property
    def current(self) -> bool:
        return not self.end


def dfe_codes(sources: Path = SOURCES) -> dict[str, str]:
    """GSS code → DfE 3-digit code: GIAS first (current codes), then dfeR's las.csv (past ones)."""
    codes: dict[str, str] = {}
    for row in _read(LAS_CSV, sources):
        gss_list = [g.strip() for g in row["new_la_code"].split("/")]
        old_list = [c.strip() for c in row["old_la_code"].split("/")]
        for gss, old in zip(gss_list, old_list, strict=False):
            if re.fullmatch(r"\d{3}", old):
                codes[gss] = old
    with (sources / GIAS_CSV).open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        next(reader)
        for _name, code, gss in reader:
            if re.fullmatch(r"\d{3}", code) and gss.startswith("E"):
                codes[gss] = code
    return codes


def authorities(sources: Path = SOURCES) -> list[Authority]:
    """Every English council in the mySociety table (current and past; not combined authorities).

    Slugs are the nice-name slug; where two councils share one (a county replaced by a unitary of
    the same name), the current council keeps it and the other gets ``-county`` (county councils)
    or ``-{register code}``, decided in a fixed order so the result never changes between runs.
    """
    rows = [r for r in _read(MYSOC_CSV, sources) if r["nation"] == "England" and r["local-authority-type"] in TIERS]
    codes = dfe_codes(sources)
    # current first, then the older start date, then the register code: a stable order
    rows.sort(key=lambda r: (r["end-date"] != "", r["start-date"] or "0000", r["local-authority-code"]))
    taken: set[str] = set()
    result = []
    for r in rows:
        slug = slugify(r["nice-name"])
        if slug in taken:
            suffix = "county" if r["local-authority-type"] == "CTY" else r["local-authority-code"].lower()
            slug = f"{slug}-{suffix}"
        if slug in taken:
            raise InputError(
                f"cannot make a unique id for {r['local-authority-code']} ({r['nice-name']})",
                file=MYSOC_CSV,
                hint="two rows share a nice-name and a local-authority-type: check the CSV for a duplicated row",
            )
        taken.add(slug)
        upper = TIERS[r["local-authority-type"]] == "upper"
        result.append(
            Authority(
                code=r["local-authority-code"],
                slug=slug,
                nice_name=r["nice-name"],
                official_name=r["official-name"],
                gss=r["gss-code"],
                la_type=r["local-authority-type"],
                la_type_name=r["local-authority-type-name"],
                start=r["start-date"],
                end=r["end-date"],
                replaced_by=tuple(c for c in r["replaced-by"].split(",") if c),
                region=r["region"],
                dfe_code=codes.get(r["gss-code"]) if upper else None,
            )
        )
    return sorted(result, key=lambda a: a.slug)


@dataclass(frozen=True)
class ComparatorArea:
    """England, a region or a London sub-region: what DfE tables compare councils with."""

    dfe_code: str
    gss: str
    name: str
    kind: str
    mysociety_region: str

    @property
    def iri(self) -> str:
        return str(GSS[self.gss])


def comparator_areas(sources: Path = SOURCES) -> list[ComparatorArea]:
    """The compiled table of England, regions and London sub-regions."""
    return [
        ComparatorArea(r["dfe_code"], r["gss_code"], r["name"], r["kind"], r["mysociety_region"])
        for r in _read(AREAS_CSV, sources)
    ]


def authorities_turtle(sources: Path = SOURCES) -> str:
    """authorities.ttl: every English council plus England and the regions as comparator areas."""
    auths = authorities(sources)
    by_code = {a.code: a for a in auths}
    regions = {a.mysociety_region: a for a in comparator_areas(sources) if a.mysociety_region}
    src = SOURCE_IRIS[MYSOC_CSV]
    nodes = [source_node(MYSOC_CSV), source_node(GIAS_CSV), source_node(LAS_CSV), source_node(AREAS_CSV)]
    for a in auths:
        n = Node(a.iri, [CYP.LocalAuthority])
        n.add(PREFIXES["skos"] + "prefLabel", lit(a.nice_name))
        n.add(PREFIXES["skos"] + "altLabel", lit(a.official_name) if a.official_name != a.nice_name else None)
        n.add(PREFIXES["skos"] + "notation", lit(a.code))
        n.add(CYP.laCode, lit(a.code))
        if a.gss:
            n.add(CYP.gssCode, lit(a.gss))
            n.add(CYP.statisticalGeography, iri(str(GSS[a.gss])))
        n.add(CYP.dfeCode, lit(a.dfe_code) if a.dfe_code else None)
        n.add(CYP.tier, lit(a.tier or ""))
        n.add(CYP.authorityType, lit(a.la_type_name))
        n.add(PREFIXES["schema"] + "startDate", lit(a.start, "date") if a.start else None)
        n.add(PREFIXES["schema"] + "endDate", lit(a.end, "date") if a.end else None)
        for code in a.replaced_by:
            if code in by_code:
                n.add(CYP.replacedBy, iri(by_code[code].iri))
        if a.region in regions:
            n.add(CYP.region, iri(regions[a.region].iri))
        n.add(PREFIXES["prov"] + "wasDerivedFrom", iri(src))
        if a.dfe_code:
            n.add(PREFIXES["prov"] + "wasDerivedFrom", iri(SOURCE_IRIS[GIAS_CSV]))
        nodes.append(n)
    for c in comparator_areas(sources):
        n = Node(c.iri, [CYP.ComparatorArea])
        n.add(PREFIXES["skos"] + "prefLabel", lit(c.name))
        n.add(CYP.gssCode, lit(c.gss))
        n.add(CYP.dfeCode, lit(c.dfe_code))
        n.add(CYP.areaKind, lit(c.kind))
        n.add(PREFIXES["prov"] + "wasDerivedFrom", iri(SOURCE_IRIS[AREAS_CSV]))
        nodes.append(n)
    return turtle_file(nodes, "English local authorities (mySociety, CC-BY-4.0) with DfE codes (GIAS/dfeR, OGL v3)")


# --------------------------------------------------------------------------- legislation and outcomes


def legislation_turtle(sources: Path = SOURCES) -> str:
    """legislation.ttl: the Acts and sections as cyp:LegislativeProvision at their /id/ IRIs."""
    rows = _read(LEG_CSV, sources)
    nodes = [source_node(LEG_CSV)]
    acts: dict[str, str] = {}
    for r in rows:
        m = re.match(r"(http://www\.legislation\.gov\.uk/id/[a-z]+/\d{4}/\d+)(/section/\w+)?$", r["id_uri"])
        if not m:
            raise InputError(
                f"unexpected id_uri {r['id_uri']!r}",
                file=LEG_CSV,
                hint="write a legislation.gov.uk id: http://www.legislation.gov.uk/id/ukpga/2004/31[/section/10]",
            )
        if not m.group(2):
            acts[m.group(1)] = r["title"]
    for r in rows:
        uri = r["id_uri"]
        n = Node(uri, [CYP.LegislativeProvision])
        n.add(PREFIXES["rdfs"] + "label", lit(r["title"]))
        n.add(PREFIXES["dcterms"] + "title", lit(r["heading"]) if r["heading"] else None)
        n.add(PREFIXES["rdfs"] + "seeAlso", iri(r["current_document_uri"]) if r["current_document_uri"] else None)
        n.add(PREFIXES["rdfs"] + "comment", lit(r["note"]) if r["note"] else None)
        n.add(PREFIXES["prov"] + "wasDerivedFrom", iri(SOURCE_IRIS[LEG_CSV]))
        act = uri.split("/section/")[0]
        if act != uri:
            n.add(PREFIXES["dcterms"] + "isPartOf", iri(act))
            if act not in acts:  # an Act known only through its section (Children Act 1989)
                acts[act] = ""
        nodes.append(n)
    listed = {r["id_uri"] for r in rows}
    for act in sorted(set(acts) - listed):
        n = Node(act, [CYP.LegislativeProvision])
        year, number = act.rsplit("/", 2)[-2:]
        n.add(PREFIXES["rdfs"] + "label", lit(f"ukpga {year} c. {number}"))
        n.add(PREFIXES["prov"] + "wasDerivedFrom", iri(SOURCE_IRIS[LEG_CSV]))
        nodes.append(n)
    return turtle_file(nodes, "Children Act 2004 and related provisions (legislation.gov.uk identifiers, OGL v3)")


def ecm_turtle(sources: Path = SOURCES) -> str:
    """ecm-outcomes.ttl: the five Every Child Matters outcomes with their s10(2) wording."""
    nodes = [source_node(ECM_CSV)]
    scheme = Node(str(ECM_SCHEME), [CYP.OutcomeFramework, PREFIXES["skos"] + "ConceptScheme"])
    scheme.add(PREFIXES["skos"] + "prefLabel", lit("Every Child Matters outcomes"))
    scheme.add(CYP.legalBasis, iri("http://www.legislation.gov.uk/id/ukpga/2004/31/section/10"))
    scheme.add(PREFIXES["prov"] + "wasDerivedFrom", iri(SOURCE_IRIS[ECM_CSV]))
    nodes.append(scheme)
    for r in _read(ECM_CSV, sources):
        n = Node(str(ID[f"outcome/ecm-{r['outcome_id']}"]), [CYP.Outcome])
        n.add(PREFIXES["skos"] + "prefLabel", lit(r["ecm_label"]))
        n.add(PREFIXES["skos"] + "notation", lit(r["statutory_paragraph"]))
        n.add(PREFIXES["skos"] + "inScheme", iri(str(ECM_SCHEME)))
        n.add(PREFIXES["skos"] + "topConceptOf", iri(str(ECM_SCHEME)))
        n.add(CYP.statutoryWording, lit(r["statutory_wording"]))
        n.add(CYP.legalBasis, iri(r["statutory_source_uri"]))
        n.add(PREFIXES["prov"] + "wasDerivedFrom", iri(SOURCE_IRIS[ECM_CSV]))
        scheme.add(PREFIXES["skos"] + "hasTopConcept", iri(n.subject))
        nodes.append(n)
    return turtle_file(nodes, "Every Child Matters outcomes, Children Act 2004 s10(2) (OGL v3)")


GENERATORS = {
    "authorities.ttl": authorities_turtle,
    "legislation.ttl": legislation_turtle,
    "ecm-outcomes.ttl": ecm_turtle,
}


def generate(sources: Path = SOURCES) -> Iterator[tuple[str, str]]:
    """(file name, Turtle text) for every reference file."""
    for name, fn in GENERATORS.items():
        yield name, fn(sources)


def write_all(out: Path = OUT, sources: Path = SOURCES) -> list[Path]:
    """Regenerate every file under data/reference/; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate(sources):
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    import sys

    for p in write_all():
        sys.stdout.write(f"wrote {p.relative_to(ROOT)}\n")
