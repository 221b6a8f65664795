"""Import DfE LAIT indicator tables as an RDF Data Cube (one observation per area, period, measure).

Why pyoxigraph terms, not an rdflib Graph: the national table is ~110,000 observations (~900,000
triples); pyoxigraph builds and writes them in seconds, and sorted (gzip without a timestamp) the
output is byte-identical between runs, so the committed files can be checked against a fresh generation.

Outputs (``python -m kg.imports.indicators`` or ``cypkg import-indicators``), each loaded by ``cypkg load``
as the named graph of its file stem:

- ``data/indicators/lait-indicators.ttl``: the measures as ``cyp:Indicator`` SKOS concepts (definition,
  unit, polarity, publisher, year type) with one ``qb:DataSet`` and ``qb:DataStructureDefinition`` each;
- ``data/indicators/lait-observations.nt.gz``: the ``qb:Observation``s;
- ``data/indicators/statistical-neighbours.ttl`` (see ``kg.imports.neighbours``).

Every input problem (renamed or missing column, unknown LA code, a value that is neither a number
nor a known status symbol, a duplicate observation) raises :class:`IndicatorInputError` naming the
file, row and column, before anything is written.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.config import REPO_ROOT
from kg.imports.neighbours import neighbours_turtle
from kg.imports.rdf_files import Node, gzip_bytes, iri, lit, ntriples_file, turtle_file
from kg.imports.reference import authorities, comparator_areas
from kg.imports.tables import IndicatorInputError, open_rows
from kg.namespaces import CYP, ID, PREFIXES, QB, slugify
from kg.ontology.vocabulary import notations

ROOT = REPO_ROOT
SOURCES = ROOT / "data" / "sources" / "indicators"
OUT = ROOT / "data" / "indicators"

LAIT_DATA = "lait-bds/lait_bds_long_selected.csv"
LAIT_DICTIONARY = "lait-bds/lait_data_dictionary.csv"
LAIT_COMMIT = "2e30e3959a6ab8b2d22941b84764da41a40ac91b"
LAIT_REPO = "https://github.com/dfe-analytical-services/local-authority-interactive-tool"
SOURCE_IRIS = {
    LAIT_DATA: f"{LAIT_REPO}/blob/{LAIT_COMMIT}/01_data/02_prod/bds_long_0.parquet",
    LAIT_DICTIONARY: f"{LAIT_REPO}/blob/{LAIT_COMMIT}/01_data/02_prod/lait_data_dictionary.csv",
}
OGL = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

DATA_COLUMNS = ("Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number")
DICTIONARY_COLUMNS = ("Measure_short", "Measure", "Polarity", "y_axis_name", "Description", "Year_Type")
PUBLISHER_COLUMN = "Data Owner (DO) /Supplier and Contact Details"

STATUS_SYMBOLS = ("ObservationStatusScheme", "StatisticsNotation")
"""Status symbols as published (EES tidy files; LAIT prints "-"), read from the ontology: kept as status, never as 0."""
POLARITY_WORDS = ("PolarityScheme", "LaitNotation")
"""The data dictionary's Polarity words, read from the ontology; a word it does not list is no polarity."""
SCHEME = ID["scheme/lait"]
XSD = PREFIXES["xsd"]
RDF_TYPE = PREFIXES["rdf"] + "type"
PROV_DERIVED = PREFIXES["prov"] + "wasDerivedFrom"


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Measure:
    """One LAIT measure from the data dictionary."""

    key: str
    label: str
    definition: str
    unit: str
    polarity: str
    year_type: str
    publisher: str
    topic: str

    @property
    def slug(self) -> str:
        return "lait-" + slugify(self.key)

    @property
    def iri(self) -> str:
        return str(ID[f"indicator/{self.slug}"])

    @property
    def dataset(self) -> str:
        return str(ID[f"dataset/{self.slug}-dataset"])

    @property
    def structure(self) -> str:
        return str(ID[f"structure/{self.slug}-structure"])


@dataclass(frozen=True)
class Observation:
    """One published figure: a value or a status symbol, for one area, period and measure."""

    measure: str
    area: str
    area_slug: str
    period: str
    value: str | None
    status: str | None
    row: int


def read_dictionary(path: Path, label: str = LAIT_DICTIONARY) -> dict[str, Measure]:
    """The LAIT data dictionary: measure key → Measure."""
    measures: dict[str, Measure] = {}
    for n, r in open_rows(path, (*DICTIONARY_COLUMNS, PUBLISHER_COLUMN), label):
        key = r["Measure_short"].strip()
        if not key or key in measures:
            continue  # the dictionary lists a few measures twice; the first entry wins
        owner = re.split(r"[\n\r]", r[PUBLISHER_COLUMN].strip() or "Department for Education")[0].strip()
        measures[key] = Measure(
            key=key,
            label=r["Measure"].strip() or key,
            definition=" ".join(r["Description"].split()),
            unit=r["y_axis_name"].strip(),
            polarity=r["Polarity"].strip(),
            year_type=r["Year_Type"].strip(),
            publisher=owner,
            topic=r.get("Topic", "").strip(),
        )
        if not measures[key].unit:
            raise IndicatorInputError(f"measure {key!r} has no unit", file=label, row=n, column="y_axis_name")
    return measures


def parse_value(text: str) -> tuple[str | None, str | None]:
    """(canonical decimal text, None) for a number, (None, status symbol) for a status; else ValueError.

    Published values carry binary-float artefacts (``9.3699999999999992``); the shortest decimal
    that reads back as the same double (Python's ``repr``) removes them without changing the figure.
    """
    t = text.strip()
    symbols = notations(*STATUS_SYMBOLS)
    if t.lower() in symbols:
        return None, t.lower()
    try:
        d = Decimal(repr(float(Decimal(t))))
    except (InvalidOperation, ValueError):
        raise ValueError(f"{text!r} is neither a number nor a status symbol ({', '.join(symbols)})") from None
    if not d.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    if d == d.to_integral_value():
        return str(int(d)), None
    return format(d.normalize(), "f"), None


def area_index() -> dict[str, tuple[str, str]]:
    """DfE 3-digit code → (area IRI, slug used in observation ids).

    A code shared by a county and the unitary that replaced it on the same boundary (815 North
    Yorkshire, 825 Buckinghamshire, 933 Somerset) is one continuous DfE series: it goes to the
    current council. Codes used only by a former council (835, 836, 837, 909, 928) go to it.
    """
    index: dict[str, tuple[str, str]] = {}
    for a in sorted(authorities(), key=lambda a: (not a.current, a.slug)):
        if a.dfe_code and a.dfe_code not in index:
            index[a.dfe_code] = (a.iri, a.slug)
    for c in comparator_areas():
        index[c.dfe_code] = (c.iri, slugify(c.name))
    return index


def read_lait(
    path: Path, measures: dict[str, Measure], areas: dict[str, tuple[str, str]], label: str = LAIT_DATA
) -> list[Observation]:
    """Every row of the LAIT long table as an Observation, checked; raises on the first bad row."""
    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for n, r in open_rows(path, DATA_COLUMNS, label):
        key = r["Short Desc"].strip()
        if key not in measures:
            raise IndicatorInputError(
                f"measure {key!r} is not in the data dictionary", file=label, row=n, column="Short Desc"
            )
        code = r["LA Number"].strip()
        if code not in areas:
            raise IndicatorInputError(
                f"unknown LA code {code!r} ({r['LA and Regions']})", file=label, row=n, column="LA Number"
            )
        period = r["Years"].strip()
        if not re.match(r"^\d{4}", period):
            raise IndicatorInputError(
                f"period {period!r} does not start with a year", file=label, row=n, column="Years"
            )
        try:
            value, status = parse_value(r["Values"])
        except ValueError as exc:
            raise IndicatorInputError(str(exc), file=label, row=n, column="Values") from None
        k = (key, code, period)
        if k in seen:
            raise IndicatorInputError(
                f"duplicate observation for {key} / LA {code} / {period} (first at row {seen[k]})",
                file=label,
                row=n,
                column="Short Desc",
            )
        seen[k] = n
        area_iri, area_slug = areas[code]
        result.append(Observation(key, area_iri, area_slug, period, value, status, n))
    if not result:
        raise IndicatorInputError("the table has no rows", file=label, row=2)
    return result


# --------------------------------------------------------------------------- writing


def period_years(period: str) -> tuple[str, str]:
    """(first year, last year) named in a period label: '2015/16' → 2015, 2016; '2025' → 2025."""
    first = period[:4]
    years = re.findall(r"\d{4}|(?<=[/-])\d{2}(?!\d)", period)
    last = years[-1] if years else first
    if len(last) == 2:
        last = first[:2] + last
    return first, last


def observation_iri(o: Observation, m: Measure) -> str:
    return str(ID[f"observation/{m.slug}-{o.area_slug}-{slugify(o.period)}"])


def national_ranks(
    observations: Iterable[Observation], measures: dict[str, Measure]
) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """(measure, period, area) → (rank, count, quartile) among English councils with a value.

    Computed here, not in SPARQL, because a rank needs a self-join over ~150 councils that the
    embedded store plans poorly with bound parameters (seconds instead of milliseconds). Rank 1 is
    the best by the measure's polarity; with no polarity, rank 1 is the highest value. Ties share a
    rank (1, 2, 2, 4). Quartile 1 is the best quarter: 1 + floor(4 × (rank − 1) / count).
    """
    groups: dict[tuple[str, str], list[tuple[Decimal, str]]] = {}
    council = str(ID["authority/"])
    for o in observations:
        if o.value is not None and o.area.startswith(council):
            groups.setdefault((o.measure, o.period), []).append((Decimal(o.value), o.area))
    result: dict[tuple[str, str, str], tuple[int, int, int]] = {}
    for (measure, period), items in groups.items():
        lower_better = measures[measure].polarity == "Low"
        items.sort(key=lambda x: x[0], reverse=not lower_better)
        n = len(items)
        rank = 0
        previous: Decimal | None = None
        for i, (value, area) in enumerate(items, start=1):
            if value != previous:
                rank, previous = i, value
            result[(measure, period, area)] = (rank, n, 1 + (4 * (rank - 1)) // n)
    return result


def observation_triples(observations: Iterable[Observation], measures: dict[str, Measure]) -> list[ox.Triple]:
    """The observations as triples: dataset, indicator, area, period, a value (and national rank) or a status.

    A million triples share a few thousand distinct terms, so each term is made once (`node`, `value`).
    """
    node, value = cache(iri), cache(lit)
    src = node(SOURCE_IRIS[LAIT_DATA])
    t_type, t_obs = node(RDF_TYPE), node(str(QB.Observation))
    p_ds, p_ind, p_area = node(str(QB.dataSet)), node(str(CYP.indicator)), node(str(CYP.refArea))
    p_per, p_start, p_val = node(str(CYP.refPeriod)), node(str(CYP.periodStartYear)), node(str(CYP.value))
    p_status, p_prov = node(str(CYP.obsStatus)), node(PROV_DERIVED)
    p_rank, p_count, p_q = node(str(CYP.nationalRank)), node(str(CYP.nationalCount)), node(str(CYP.nationalQuartile))
    observations = list(observations)
    ranks = national_ranks(observations, measures)
    measure_terms = {k: (node(m.dataset), node(m.iri)) for k, m in measures.items()}
    triples: list[ox.Triple] = []
    for o in observations:
        m = measures[o.measure]
        s = iri(observation_iri(o, m))
        dataset, indicator = measure_terms[o.measure]
        pairs: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
            (t_type, t_obs),
            (p_ds, dataset),
            (p_ind, indicator),
            (p_area, node(o.area)),
            (p_per, value(o.period)),
            (p_start, value(o.period[:4], "gYear")),
            (p_prov, src),
        ]
        if o.value is not None:
            pairs.append((p_val, value(o.value, "decimal")))
            if (o.measure, o.period, o.area) in ranks:
                rank, count, quartile = ranks[(o.measure, o.period, o.area)]
                pairs += [
                    (p_rank, value(str(rank), "integer")),
                    (p_count, value(str(count), "integer")),
                    (p_q, value(str(quartile), "integer")),
                ]
        else:
            pairs.append((p_status, node(str(notations(*STATUS_SYMBOLS)[o.status or "-"].iri))))
        triples += (ox.Triple(s, p, obj) for p, obj in pairs)
    return triples


def indicators_turtle(measures: dict[str, Measure], used: Iterable[str]) -> str:
    """The measures in use as SKOS concepts, each with its qb:DataSet and structure."""
    used = set(used)
    skos, dct, rdfs = PREFIXES["skos"], PREFIXES["dcterms"], PREFIXES["rdfs"]
    nodes = []
    for key in (SOURCE_IRIS[LAIT_DATA], SOURCE_IRIS[LAIT_DICTIONARY]):
        n = Node(key, [PREFIXES["prov"] + "Entity"])
        is_data = key == SOURCE_IRIS[LAIT_DATA]
        n.add(
            dct + "title",
            lit("LAIT big data set (bds_long), 71 selected measures" if is_data else "LAIT data dictionary"),
        )
        n.add(dct + "publisher", lit("Department for Education"))
        n.add(dct + "license", iri(OGL))
        n.add(CYP.sourceFile, lit("data/sources/indicators/" + (LAIT_DATA if is_data else LAIT_DICTIONARY)))
        nodes.append(n)
    scheme = Node(str(SCHEME), [skos + "ConceptScheme"])
    scheme.add(skos + "prefLabel", lit("DfE Local Authority Interactive Tool (LAIT) measures"))
    scheme.add(dct + "publisher", lit("Department for Education"))
    scheme.add(PROV_DERIVED, iri(SOURCE_IRIS[LAIT_DICTIONARY]))
    nodes.append(scheme)
    components = [
        ID["component/ref-area"],
        ID["component/ref-period"],
        ID["component/indicator"],
        ID["component/value"],
        ID["component/obs-status"],
        ID["component/unit"],
    ]
    for key in sorted(used):
        m = measures[key]
        ind = Node(m.iri, [CYP.Indicator])
        ind.add(skos + "prefLabel", lit(m.label))
        ind.add(skos + "notation", lit(m.key))
        ind.add(skos + "definition", lit(m.definition) if m.definition else None)
        ind.add(skos + "inScheme", iri(str(SCHEME)))
        ind.add(CYP.unit, lit(m.unit))
        polarity = notations(*POLARITY_WORDS).get(m.polarity)
        ind.add(CYP.polarity, iri(str(polarity.iri if polarity else CYP.NoPolarity)))
        ind.add(CYP.yearType, lit(m.year_type) if m.year_type else None)
        ind.add(CYP.topic, lit(m.topic) if m.topic else None)
        ind.add(dct + "publisher", lit(m.publisher))
        ind.add(PROV_DERIVED, iri(SOURCE_IRIS[LAIT_DICTIONARY]))
        nodes.append(ind)
        ds = Node(m.dataset, [QB.DataSet])
        ds.add(rdfs + "label", lit(f"{m.label} (LAIT {m.key})"))
        ds.add(QB.structure, iri(m.structure))
        ds.add(CYP.indicator, iri(m.iri))
        ds.add(CYP.unit, lit(m.unit))
        ds.add(dct + "license", iri(OGL))
        ds.add(PROV_DERIVED, iri(SOURCE_IRIS[LAIT_DATA]))
        nodes.append(ds)
        dsd = Node(m.structure, [QB.DataStructureDefinition])
        dsd.add(rdfs + "label", lit(f"Structure of {m.key}: area × period, value or status"))
        for component in components:
            dsd.add(QB.component, iri(str(component)))
        nodes.append(dsd)
    specs = [
        ("ref-area", QB.dimension, CYP.refArea, 1, None),
        ("ref-period", QB.dimension, CYP.refPeriod, 2, None),
        ("indicator", QB.dimension, CYP.indicator, 3, QB.DataSet),
        ("value", QB.measure, CYP.value, None, None),
        ("obs-status", QB.attribute, CYP.obsStatus, None, None),
        ("unit", QB.attribute, CYP.unit, None, QB.DataSet),
    ]
    for slug, kind, prop, order, attach in specs:
        c = Node(str(ID[f"component/{slug}"]), [QB.ComponentSpecification])
        c.add(kind, iri(str(prop)))
        c.add(QB.order, lit(str(order), XSD + "integer") if order else None)
        c.add(QB.componentAttachment, iri(str(attach)) if attach else None)
        if slug in ("obs-status",):
            c.add(QB.componentRequired, lit("false", XSD + "boolean"))
        nodes.append(c)
    return turtle_file(nodes, "DfE LAIT measures as indicators and Data Cube datasets (DfE and others, OGL v3)")


@dataclass(frozen=True)
class ImportResult:
    """What an import produced: counts for the officer and the paths written."""

    measures: int
    observations: int
    suppressed: int
    triples: int
    files: tuple[Path, ...]


def build(sources: Path = SOURCES) -> dict[str, bytes]:
    """Every output file's bytes, keyed by file name; reads and checks all inputs first."""
    return _build(sources)[0]


def _build(sources: Path) -> tuple[dict[str, bytes], ImportResult]:
    """The output files' bytes and what they hold (paths still empty: nothing is written here)."""
    measures = read_dictionary(sources / LAIT_DICTIONARY)
    observations = read_lait(sources / LAIT_DATA, measures, area_index())
    triples = observation_triples(observations, measures)
    used = {o.measure for o in observations}
    files = {
        "lait-indicators.ttl": indicators_turtle(measures, used).encode("utf-8"),
        "lait-observations.nt.gz": gzip_bytes(ntriples_file(triples)),
        "statistical-neighbours.ttl": neighbours_turtle(sources).encode("utf-8"),
    }
    summary = ImportResult(
        measures=len(used),
        observations=len(observations),
        suppressed=sum(1 for o in observations if o.value is None),
        triples=len(triples),
        files=(),
    )
    return files, summary


def import_indicators(out: Path = OUT, sources: Path = SOURCES) -> ImportResult:
    """Read, check and convert every indicator table; write data/indicators/ only if all pass."""
    files, summary = _build(sources)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = out / name
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        written.append(path)
    return dataclasses.replace(summary, files=tuple(written))


__all__ = [
    "IndicatorInputError",
    "ImportResult",
    "Measure",
    "Observation",
    "build",
    "import_indicators",
    "parse_value",
    "period_years",
    "read_dictionary",
    "read_lait",
]

if __name__ == "__main__":
    import sys

    r = import_indicators()
    sys.stdout.write(
        f"{r.measures} measures, {r.observations} observations ({r.suppressed} with a status), {r.triples} triples\n"
    )
