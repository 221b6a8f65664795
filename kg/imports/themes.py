"""The theme mapping file as data: each reviewed (or proposed) mapping of a priority to a national theme.

`theme-mapping.csv` (proposed by `kg.analysis.themes`, reviewed and corrected by an officer) becomes
graph `register-themes`: a `cyp:ThemeMapping` node per row, saying which priority, which theme, the
SKOS relation, the method, the score and whether an officer reviewed it, derived from the file; and
the mapping itself on the priority (`skos:closeMatch` or `skos:broadMatch` the theme), which is what
the national queries read. A row with no theme records that nobody has found one (or, reviewed,
that there is none) and adds nothing. Rows that name an unknown priority, theme, relation or method
are refused with their row and column, and nothing is written.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, URIRef

from kg.errors import InputError
from kg.imports.workbook import Problem, WorkbookInvalid
from kg.namespaces import CYP, DCTERMS, ID, PREFIXES, PROV, SKOS
from kg.ontology.vocabulary import concepts, lookup

MAPPING_FILE = "theme-mapping.csv"
MAPPING_SOURCE = ID["source/register-theme-mapping"]
COLUMNS = ("priority", "council", "name", "theme", "relation", "method", "score", "reviewed")
RELATIONS = {"closeMatch": SKOS.closeMatch, "broadMatch": SKOS.broadMatch}
THEME_SCHEME = "NationalThemeScheme"


def mapping_path(folder: Path) -> Path:
    """The register folder's mapping file, or the repository's when the folder has none."""
    from kg.imports.register import SOURCE_DIR

    own = Path(folder) / MAPPING_FILE
    return own if own.is_file() else SOURCE_DIR / MAPPING_FILE


def _themes() -> dict[str, URIRef]:
    return {c.pref_label: c.iri for c in concepts(THEME_SCHEME)}


def theme_mapping_graph(folder: Path, register_graphs: dict[str, Graph], date_read: date) -> Graph:
    """Graph `register-themes` from the folder's mapping file, checked against the register's priorities."""
    path = mapping_path(folder)
    priorities = {
        str(s).rsplit("/", 1)[-1] for g in register_graphs.values() for s in g.subjects(RDF.type, CYP.Priority)
    }
    themes = _themes()
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.add((MAPPING_SOURCE, RDF.type, CYP.ReferenceSource))
    g.add((MAPPING_SOURCE, DCTERMS.title, Literal("Theme mapping of the plans register's priorities")))
    g.add(
        (
            MAPPING_SOURCE,
            DCTERMS.description,
            Literal(
                "Proposed by rules and fuzzy matching (kg.analysis.themes) and reviewed by hand; "
                "one row per priority and theme, with the method, the score and whether it was reviewed."
            ),
        )
    )
    g.add((MAPPING_SOURCE, CYP.sourceFile, Literal(f"data/sources/register/{MAPPING_FILE}")))
    g.add((MAPPING_SOURCE, DCTERMS.created, Literal(date_read.isoformat(), datatype=XSD.date)))
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(
            f"no {MAPPING_FILE}", file=str(path), hint="run `cypkg register themes` to propose one, then review it"
        ) from exc
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise InputError(
            f"{MAPPING_FILE} does not have the mapping columns",
            file=str(path),
            line=1,
            hint=f"the header row must be exactly {','.join(COLUMNS)}",
        )
    for number, row in enumerate(reader, start=2):

        def problem(column: str, message: str, fix: str, row: dict[str, str] = row, number: int = number) -> None:
            problems.append(Problem("Violation", MAPPING_FILE, number, column, row.get(column) or "", message, fix))

        if row["priority"] not in priorities:
            problem("priority", "no priority of the register has this id", "copy the id from the register's graphs")
            continue
        if row["reviewed"] not in ("yes", "no"):
            problem("reviewed", "not yes or no", "write yes once an officer has checked the row, else no")
        if not row["theme"]:
            continue
        theme = themes.get(row["theme"])
        method = lookup("MappingMethodScheme", row["method"])
        relation = RELATIONS.get(row["relation"])
        if theme is None:
            problem("theme", "not a theme of the national theme scheme", f"write one of: {'; '.join(sorted(themes))}")
        if relation is None:
            problem(
                "relation", "not closeMatch or broadMatch", "closeMatch if the priority is the theme, else broadMatch"
            )
        if method is None:
            problem("method", "not rule, fuzzy or officer", "write officer for a mapping chosen or corrected by hand")
        try:
            score = float(row["score"]) if row["score"] else None
        except ValueError:
            score = -1.0
        if score is not None and not 0 <= score <= 1:
            problem("score", "not a number from 0 to 1", "leave it empty for an officer's mapping, or write e.g. 0.75")
        if theme is None or relation is None or method is None or (score is not None and not 0 <= score <= 1):
            continue
        priority = ID[f"priority/{row['priority']}"]
        node = ID[f"mapping/{row['priority']}-{str(theme).rsplit('#', 1)[-1].lower()}"]
        g.add((priority, relation, theme))
        g.add((node, RDF.type, CYP.ThemeMapping))
        g.add((node, CYP.mappedItem, priority))
        g.add((node, CYP.mappedTheme, theme))
        g.add((node, CYP.mappingRelation, relation))
        g.add((node, CYP.mappingMethod, method.iri))
        if score is not None:
            # The canonical form stores keep ("0.5", "1"), so a re-import compares equal and writes nothing.
            canonical = f"{score:.2f}".rstrip("0").rstrip(".") or "0"
            g.add((node, CYP.mappingScore, Literal(canonical, datatype=XSD.decimal)))
        g.add((node, CYP.reviewed, Literal(row["reviewed"] == "yes")))
        g.add((node, PROV.wasDerivedFrom, MAPPING_SOURCE))
    if problems:
        raise WorkbookInvalid(problems, file=str(path))
    return g


INDICATOR_FILE = "theme-indicators.csv"
INDICATOR_GRAPH = "theme-indicators"
INDICATOR_SOURCE = ID["source/theme-indicators"]
INDICATOR_COLUMNS = ("theme", "indicator", "rationale")


def theme_indicator_graph(path: Path, indicators: set[str]) -> Graph:
    """Graph `theme-indicators`: which DfE indicators (ids in data/indicators) measure which theme, and why."""
    themes = _themes()
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.add((INDICATOR_SOURCE, RDF.type, CYP.ReferenceSource))
    g.add(
        (INDICATOR_SOURCE, DCTERMS.title, Literal("DfE indicators that measure each national theme, with the reason"))
    )
    g.add((INDICATOR_SOURCE, CYP.sourceFile, Literal(f"data/sources/register/{INDICATOR_FILE}")))
    problems: list[Problem] = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != INDICATOR_COLUMNS:
            raise InputError(
                f"{INDICATOR_FILE} does not have its columns",
                file=str(path),
                line=1,
                hint=f"the header row must be exactly {','.join(INDICATOR_COLUMNS)}",
            )
        for number, row in enumerate(reader, start=2):
            theme = themes.get(row["theme"])
            if theme is None:
                problems.append(
                    Problem(
                        "Violation",
                        INDICATOR_FILE,
                        number,
                        "theme",
                        row["theme"],
                        "not a national theme",
                        "use a theme's label",
                    )
                )
            if row["indicator"] not in indicators:
                problems.append(
                    Problem(
                        "Violation",
                        INDICATOR_FILE,
                        number,
                        "indicator",
                        row["indicator"],
                        "no indicator of data/indicators has this id",
                        "write a LAIT indicator's id, e.g. lait-lac",
                    )
                )
            if not row["rationale"].strip():
                problems.append(
                    Problem(
                        "Violation",
                        INDICATOR_FILE,
                        number,
                        "rationale",
                        "",
                        "is empty",
                        "say why it measures the theme",
                    )
                )
            if theme is None or row["indicator"] not in indicators or not row["rationale"].strip():
                continue
            node = ID[f"theme-indicator/{str(theme).rsplit('#', 1)[-1].lower()}-{row['indicator']}"]
            g.add((node, RDF.type, CYP.ThemeIndicator))
            g.add((node, CYP.forTheme, theme))
            g.add((node, CYP.indicator, ID[f"indicator/{row['indicator']}"]))
            g.add((node, CYP.rationale, Literal(row["rationale"].strip())))
            g.add((node, PROV.wasDerivedFrom, INDICATOR_SOURCE))
    if problems:
        raise WorkbookInvalid(problems, file=str(path))
    return g
