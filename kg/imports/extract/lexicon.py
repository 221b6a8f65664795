"""Gazetteers, read from reference data and the ontology, never written out as Python literals.

- `data/reference/authorities.ttl`: every English authority with its names (upper-tier ones are the
  children's services authorities); regions are `cyp:ComparatorArea`, not read, so never proposed.
- `benchmarks/extraction/fictional-authorities.csv`: the fictional authorities of the test corpus,
  flagged fictional.
- `data/reference/ecm-outcomes.ttl`: the Every Child Matters outcomes.
- `data/reference/extraction-lexicon.csv`: the phrases reports use for the ontology's concepts (body
  and partner types, decision verbs and statuses, target groups, reviews, frequencies) and Act titles.
- the ontology's SKOS concept schemes: which concepts exist (so a draft only uses real concepts).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import RDF, Graph, Namespace, URIRef

from kg.config import REPO_ROOT
from kg.namespaces import CYP
from kg.ontology.files import load_ontology

REPO = REPO_ROOT
REFERENCE = REPO / "data" / "reference"
FICTIONAL = REPO / "benchmarks" / "extraction" / "fictional-authorities.csv"
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
_COUNCIL_FORMS = ("{} Council", "{} City Council", "{} County Council", "{} Borough Council", "City of {}", "{} MBC")


@dataclass(frozen=True)
class Authority:
    """A local authority the extractor can name, with every written form of its name."""

    slug: str
    name: str
    gss: str
    names: tuple[str, ...]
    fictional: bool = False


@dataclass(eq=False)
class Lexicon:
    """Everything the rules look names up in."""

    authorities: list[Authority]
    phrases: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # kind -> (concept, phrase)
    outcomes: dict[str, str] = field(default_factory=dict)  # label -> IRI of an ECM outcome

    def concept_of(self, kind: str, text: str) -> str | None:
        """The concept whose longest phrase occurs in `text` (whole words, any case)."""
        low = f" {text.lower().replace('’', chr(39))} "
        for concept, pattern in self._patterns(kind):
            if pattern.search(low):
                return concept
        return None

    def _patterns(self, kind: str) -> list[tuple[str, re.Pattern[str]]]:
        cache = self.__dict__.setdefault("_compiled", {})
        if kind not in cache:
            pairs = sorted(self.phrases.get(kind, []), key=lambda cp: -len(cp[1]))
            cache[kind] = [(c, re.compile(rf"(?<![\w']){re.escape(p)}(?![\w'])")) for c, p in pairs]
        return cache[kind]

    def phrases_of(self, kind: str) -> list[str]:
        return [p for _, p in self.phrases.get(kind, [])]


def _authority_names(name: str, alt: list[str]) -> tuple[str, ...]:
    forms = {name, *alt, *(f.format(name) for f in _COUNCIL_FORMS)}
    return tuple(sorted(forms, key=len, reverse=True))


@cache
def load_lexicon(fictional: Path | None = FICTIONAL) -> Lexicon:
    """Read the gazetteers once per process."""
    g = Graph()
    g.parse(REFERENCE / "authorities.ttl")
    authorities: list[Authority] = []
    for node in g.subjects(RDF.type, CYP.LocalAuthority):
        if str(g.value(node, CYP.tier) or "") != "upper":
            continue
        name = str(g.value(node, SKOS.prefLabel))
        alt = [str(x) for x in g.objects(node, SKOS.altLabel)]
        gss = str(g.value(node, CYP.gssCode) or "")
        authorities.append(Authority(str(node).rsplit("/", 1)[-1], name, gss, _authority_names(name, alt)))
    if fictional is not None and fictional.is_file():
        with fictional.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                variants = [v for v in row["variants"].split("|") if v]
                slug = re.sub(r"[^a-z0-9]+", "-", row["name"].lower()).strip("-")
                names = _authority_names(row["name"], variants)
                authorities.append(Authority(slug, row["name"], row["gss_code"], names, fictional=True))
    phrases: dict[str, list[tuple[str, str]]] = {}
    with (REFERENCE / "extraction-lexicon.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            phrases.setdefault(row["kind"], []).append((row["concept"], row["phrase"].lower()))
    ecm = Graph().parse(REFERENCE / "ecm-outcomes.ttl")
    outcomes = {
        str(label): str(s) for s, label in ecm.subject_objects(SKOS.prefLabel) if (s, RDF.type, CYP.Outcome) in ecm
    }
    return Lexicon(authorities, phrases, outcomes)


@cache
def scheme_concepts(scheme: str) -> frozenset[str]:
    """The local names of the concepts in one of the ontology's concept schemes (e.g. DecisionKindScheme).

    Read from the ontology graph until a shared vocabulary reader exists.
    """
    g = load_ontology()
    return frozenset(str(c).split("#")[-1] for c in g.subjects(SKOS.inScheme, URIRef(CYP[scheme])))
