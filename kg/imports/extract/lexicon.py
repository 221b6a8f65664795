"""Gazetteers, read from reference data and the ontology, never written out as Python literals.

- `data/reference/authorities.ttl`: every English authority with its names (upper-tier ones are the
  children's services authorities); regions are `cyp:ComparatorArea`, not read, so never proposed.
- `benchmarks/extraction/fictional-authorities.csv`: the fictional authorities of the test corpus,
  flagged fictional.
- `data/reference/ecm-outcomes.ttl`: the Every Child Matters outcomes.
- the ontology's SKOS concept schemes, read through `kg.ontology.vocabulary`: the names of body and
  partner types, decision kinds and statuses, review kinds, frequencies, count qualifiers and target
  groups (preferred, alternative and hidden labels; ontology/report-words.ttl holds the words reports
  use that are not shown as names).
- `data/reference/extraction-lexicon.csv`: the phrases that are not names of a scheme's concept: lead-in
  cues for lists and owners, the past tenses that narrate a decision, post titles, Act titles, and kinds
  of body or partner the schemes do not hold (a partnership board, a college).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from kg.config import REPO_ROOT, RESOURCE_ROOT
from kg.namespaces import CYP, SCHEMA

REPO = REPO_ROOT
REFERENCE = RESOURCE_ROOT / "data" / "reference"  # the checkout's, or the copy an installed wheel carries
FICTIONAL = REPO / "benchmarks" / "extraction" / "fictional-authorities.csv"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_KG = Path(__file__).resolve().parents[2]
_CODE = (  # the code that turns the inputs into a Lexicon: a change to it is a new cache key
    Path(__file__).resolve(),
    _KG / "ontology" / "vocabulary.py",
    _KG / "ontology" / "files.py",
    _KG / "store" / "terms.py",
)
SCHEMES = {  # the lexicon kinds whose phrases are the names of a scheme's concepts
    "body": "BodyTypeScheme",
    "partner": "PartnerTypeScheme",
    "decision": "DecisionKindScheme",
    "status": "DecisionStatusScheme",
    "review": "ReviewKindScheme",
    "frequency": "FrequencyScheme",
    "qualifier": "CountQualifierScheme",
    "target-group": "TargetGroupScheme",
}
_COUNCIL_FORMS = ("{} Council", "{} City Council", "{} County Council", "{} Borough Council", "City of {}", "{} MBC")


@dataclass(frozen=True)
class Authority:
    """A local authority the extractor can name, with every written form of its name."""

    slug: str
    name: str
    gss: str
    names: tuple[str, ...]
    fictional: bool = False
    labels: tuple[str, ...] = ()  # the names the reference data gives it (the rest are generated council forms)
    start: str = ""  # when it came into being, where the reference data says (ISO date)
    end: str = ""  # when it was abolished or replaced


@dataclass(eq=False)
class Lexicon:
    """Everything the rules look names up in."""

    authorities: list[Authority]
    phrases: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # kind -> (concept, phrase)
    outcomes: dict[str, str] = field(default_factory=dict)  # label -> IRI of an ECM outcome
    acronyms: frozenset[str] = frozenset()  # phrases a scheme writes in capitals ("SEND", "LAC"), lower-cased
    generic: frozenset[str] = frozenset()  # preferred and alternative labels ("social care"): kinds, not names

    def concept_of(self, kind: str, text: str) -> str | None:
        """The concept whose longest phrase occurs in `text` (whole words, any case), as `vocabulary.named_in`
        finds a scheme's concept, from the phrases this lexicon holds (no ontology read)."""
        from kg.ontology.vocabulary import first_named, name_patterns

        cache = self.__dict__.setdefault("_compiled", {})
        if kind not in cache:
            cache[kind] = name_patterns(self.phrases.get(kind, []))
        found: str | None = first_named(cache[kind], text)
        return found

    def phrases_of(self, kind: str) -> list[str]:
        return [p for _, p in self.phrases.get(kind, [])]

    def alternation(self, kind: str) -> str:
        """A kind's phrases as a regular-expression alternation, longest first (so "date of meeting" wins over
        "date"), each matched as written."""
        return "|".join(re.escape(p) for p in sorted(self.phrases_of(kind), key=len, reverse=True))

    def organisation_kind(self, name: str) -> tuple[str, str] | None:
        """('body'|'partner', concept) by the longest body or partner phrase in a name (memoised)."""
        known = self.__dict__.setdefault("_organisations", {})
        if name not in known:
            known[name] = self._classify(name)
        found: tuple[str, str] | None = known[name]
        return found

    def _classify(self, name: str) -> tuple[str, str] | None:
        cache = self.__dict__.setdefault("_compiled", {})
        if "_organisation" not in cache:
            found = [
                (phrase, kind, concept, re.compile(rf"(?<![\w']){re.escape(phrase)}(?![\w'])"))
                for kind in ("body", "partner")
                for concept, phrase in self.phrases.get(kind, [])
            ]
            cache["_organisation"] = sorted(found, key=lambda x: -len(x[0]))
        low = f" {name.lower().replace('’', chr(39)).replace(' & ', ' and ')} "
        for phrase, kind, concept, pattern in cache["_organisation"]:
            if pattern.search(low):
                if kind == "partner" and len(phrase) <= 3 and name.endswith(" Board"):
                    return "body", "Other"  # "NHS Medway Board": the board of a partner, meeting as a body
                board = re.search(r" (?:Board|Committee|Panel)$", name)
                if kind == "partner" and board and not phrase.endswith(board.group(0).lower()):
                    return "body", "Other"  # "Fenmarsh Early Years Board": a partner's words, a board's name
                return kind, concept
        return None


_PLACE_SUFFIX = re.compile(r"(?:\s+upon\s+|-upon-|-on-|-under-)\S.*$")  # "Kingston| upon Thames", "Stoke|-on-Trent"


def _with_short_names(authorities: list[Authority]) -> list[Authority]:
    """Each authority whose name ends in its river or sea ("Kingston upon Thames", "Stoke-on-Trent") also by the
    short name councils use ("Kingston Council", "Stoke"). Where two would share one ("Kingston" upon Thames and upon
    Hull), an authority that has a short name of its own in the reference data ("Hull City Council") gives it up."""
    shorts = {a.slug: _PLACE_SUFFIX.sub("", a.name) for a in authorities if _PLACE_SUFFIX.search(a.name)}
    owners: dict[str, list[Authority]] = {}
    for a in authorities:
        if a.slug in shorts:
            owners.setdefault(shorts[a.slug], []).append(a)
    out = []
    for a in authorities:
        short = shorts.get(a.slug, "")
        rivals = owners.get(short, [])
        own_short = any(a.name not in label for label in a.labels)  # "Hull City Council" names no river
        if short and (len(rivals) == 1 or not own_short):
            forms = [short, *(form.format(short) for form in _COUNCIL_FORMS)]  # "Kingston", "Kingston Council"
            a = replace(a, names=_authority_names(a.name, [*a.labels[1:], *forms]))
        out.append(a)
    return out


def _authority_names(name: str, alt: list[str]) -> tuple[str, ...]:
    """Longest first, so the fullest form matches first; ties alphabetical, so every build lists them alike."""
    forms = {name, *alt, *(f.format(name) for f in _COUNCIL_FORMS)}
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def lexicon_inputs(fictional: Path | None = FICTIONAL) -> list[Path]:
    """Every file a lexicon is built from, and the code that builds it: its cache key."""
    from kg.ontology.files import ontology_files

    data = [REFERENCE / "authorities.ttl", REFERENCE / "extraction-lexicon.csv", REFERENCE / "ecm-outcomes.ttl"]
    return [*data, *([fictional] if fictional is not None else []), *ontology_files(), *_CODE]


@cache
def load_lexicon(fictional: Path | None = FICTIONAL) -> Lexicon:
    """The gazetteers, once per process: from the cache while their inputs are unchanged, else built."""
    from kg.cache import cached

    return cached(
        "extract-lexicon", lexicon_inputs(fictional), lambda: build_lexicon(fictional), dump=_dump, load=_load
    )


def _dump(lex: Lexicon) -> dict[str, Any]:
    return {
        "authorities": [asdict(a) for a in lex.authorities],
        "phrases": lex.phrases,
        "outcomes": lex.outcomes,
        "acronyms": sorted(lex.acronyms),
        "generic": sorted(lex.generic),
    }


def _load(data: dict[str, Any]) -> Lexicon:
    authorities = [
        Authority(**{**a, "names": tuple(a["names"]), "labels": tuple(a["labels"])}) for a in data["authorities"]
    ]
    phrases = {kind: [(c, p) for c, p in pairs] for kind, pairs in data["phrases"].items()}
    return Lexicon(authorities, phrases, data["outcomes"], frozenset(data["acronyms"]), frozenset(data["generic"]))


def _turtle(path: Path) -> dict[str, dict[str, list[str]]]:
    """A Turtle file as subject -> predicate -> object values, each in the order the file first states them
    (read by pyoxigraph: a lookup table, not an rdflib graph)."""
    import pyoxigraph as ox

    table: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    seen: set[tuple[str, str, object]] = set()
    for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if not isinstance(t.subject, ox.NamedNode) or (t.subject.value, t.predicate.value, t.object) in seen:
            continue
        seen.add((t.subject.value, t.predicate.value, t.object))
        table[t.subject.value][t.predicate.value].append(t.object.value)
    return table


def _typed(table: dict[str, dict[str, list[str]]], cls: str) -> list[str]:
    return [s for s, po in table.items() if cls in po.get(RDF_TYPE, [])]


def _first(table: dict[str, dict[str, list[str]]], s: str, p: str) -> str | None:
    values = table[s].get(p)
    return values[0] if values else None


def build_lexicon(fictional: Path | None = FICTIONAL) -> Lexicon:
    """Read the gazetteers from the reference data, the ontology's schemes and the lexicon CSV."""
    from kg.ontology.vocabulary import concepts

    table = _turtle(REFERENCE / "authorities.ttl")
    authorities: list[Authority] = []
    for node in _typed(table, str(CYP.LocalAuthority)):
        if (_first(table, node, str(CYP.tier)) or "") != "upper":
            continue
        name = str(_first(table, node, SKOS + "prefLabel"))
        alt = table[node].get(SKOS + "altLabel", [])
        gss = _first(table, node, str(CYP.gssCode)) or ""
        start, end = (_first(table, node, str(SCHEMA[p])) or "" for p in ("startDate", "endDate"))
        authorities.append(
            Authority(node.rsplit("/", 1)[-1], name, gss, _authority_names(name, alt), False, (name, *alt), start, end)
        )
    authorities = _with_short_names(authorities)
    if fictional is not None and fictional.is_file():
        with fictional.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                variants = [v for v in row["variants"].split("|") if v]
                slug = re.sub(r"[^a-z0-9]+", "-", row["name"].lower()).strip("-")
                names = _authority_names(row["name"], variants)
                authorities.append(Authority(slug, row["name"], row["gss_code"], names, fictional=True))
    phrases: dict[str, list[tuple[str, str]]] = {}
    acronyms: set[str] = set()
    generic: set[str] = set()
    for kind, scheme in SCHEMES.items():
        for c in concepts(scheme):
            local = str(c.iri).rsplit("#", 1)[-1]
            for name in c.names:
                phrases.setdefault(kind, []).append((local, name.lower().replace("’", "'")))
                if name.isupper() and len(name) <= 5:
                    acronyms.add(name.lower())
                elif name not in c.hidden_labels:
                    generic.add(name.lower())
    with (REFERENCE / "extraction-lexicon.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            phrases.setdefault(row["kind"], []).append((row["concept"], row["phrase"].lower()))
    ecm = _turtle(REFERENCE / "ecm-outcomes.ttl")
    outcomes = {label: s for s in _typed(ecm, str(CYP.Outcome)) for label in ecm[s].get(SKOS + "prefLabel", [])}
    return Lexicon(authorities, phrases, outcomes, frozenset(acronyms), frozenset(generic))
