"""Controlled lists read from the ontology's SKOS concept schemes, so code never repeats them.

The workbook's drop-downs, the extractor's patterns, the committee-system import and the views'
legends ask this module for a scheme's concepts (partner types, body types, decision kinds,
statuses, target groups, service tiers, themes, ...) instead of writing the words out in Python.
A scheme is named by its IRI or by its local name in the cyp: namespace ("DecisionKindScheme").

    >>> [c.pref_label for c in concepts("MeetingStatusScheme")]
    ['Cancelled', 'Held', 'Scheduled']
    >>> lookup("PartnerTypeScheme", "housing services").iri
    rdflib.term.URIRef('https://w3id.org/cypkg/def#HousingService')

Partner and body types are punned: each concept is also the class a node of that kind is typed
with, so `concept.iri` is what goes after `a` in the data.

The words an input format writes for a concept (a statistics table's status symbol, the LAIT
dictionary's polarity, the review workbook's status, the plans register's decision_taken) are
`skos:notation`s typed with the format's datatype (ontology/input-words.ttl), read with `notations`:

    >>> notations("DecisionStatusScheme", "RegisterNotation")["yes"].pref_label
    'Resolved'
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.namespaces import CYP
from kg.ontology.files import shared_ontology

__all__ = [
    "Concept",
    "UnknownSchemeError",
    "concept",
    "concepts",
    "first_named",
    "label",
    "lookup",
    "name_patterns",
    "named_in",
    "notations",
    "schemes",
]

T = TypeVar("T")


class UnknownSchemeError(KeyError):
    """A scheme name that the ontology does not declare."""


@dataclass(frozen=True)
class Concept:
    """One concept of a scheme as code needs it: its IRI and the words for it."""

    iri: URIRef
    pref_label: str
    alt_labels: tuple[str, ...]
    notations: tuple[str, ...]
    definition: str
    scheme: URIRef
    hidden_labels: tuple[str, ...] = ()  # words reports use for it that are not shown (skos:hiddenLabel)
    format_words: tuple[tuple[str, str], ...] = ()  # (format datatype's local name, word): typed skos:notation

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it goes by, as written: preferred, alternative and hidden labels."""
        return tuple(dict.fromkeys((self.pref_label, *self.alt_labels, *self.hidden_labels)))

    @property
    def words(self) -> tuple[str, ...]:
        """Every word a person might type for it, lower-cased: its labels (hidden ones too) and untyped notations.

        An input format's words (typed notations) are not among them: "yes" is a decision status in the
        plans register only."""
        return tuple(dict.fromkeys(w.lower() for w in (*self.names, *self.notations)))

    def notation(self, notation_format: str) -> str | None:
        """The word an input format (its datatype's local name, "ReviewNotation") writes for it, if any."""
        return next((w for f, w in self.format_words if f == notation_format), None)


def _ontology() -> Graph:
    """The ontology files (not the shapes), parsed once per process; only read here, so not copied."""
    return shared_ontology()


def _english(graph: Graph, node: URIRef, predicate: URIRef) -> list[str]:
    values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
    english = [str(v) for v in values if v.language in (None, "en")]
    return sorted(english)


def _scheme_iri(scheme: str | URIRef) -> URIRef:
    iri = URIRef(scheme) if str(scheme).startswith("http") else CYP[str(scheme)]
    if (iri, RDF.type, SKOS.ConceptScheme) not in _ontology():
        known = ", ".join(schemes())
        raise UnknownSchemeError(f"{scheme} is not a SKOS concept scheme of the ontology; known: {known}")
    return iri


@cache
def schemes() -> tuple[str, ...]:
    """The local names of every concept scheme the ontology declares, sorted."""
    found = _ontology().subjects(RDF.type, SKOS.ConceptScheme)
    return tuple(sorted(str(s).removeprefix(str(CYP)) for s in found if str(s).startswith(str(CYP))))


@cache
def concepts(scheme: str | URIRef) -> tuple[Concept, ...]:
    """A scheme's concepts, sorted by preferred label (cached: the ontology does not change at run time)."""
    graph = _ontology()
    iri = _scheme_iri(scheme)
    found = []
    for node in set(graph.subjects(SKOS.inScheme, iri)):
        if not isinstance(node, URIRef):
            continue
        labels = _english(graph, node, SKOS.prefLabel)
        notes = [n for n in graph.objects(node, SKOS.notation) if isinstance(n, Literal)]
        definitions = _english(graph, node, SKOS.definition)
        found.append(
            Concept(
                iri=node,
                pref_label=labels[0] if labels else str(node).rsplit("#", 1)[-1],
                alt_labels=tuple(_english(graph, node, SKOS.altLabel)),
                notations=tuple(sorted(str(n) for n in notes if n.datatype in (None, XSD.string))),
                definition=definitions[0] if definitions else "",
                scheme=iri,
                hidden_labels=tuple(_english(graph, node, SKOS.hiddenLabel)),
                format_words=tuple(sorted(_format_words(notes))),
            )
        )
    return tuple(sorted(found, key=lambda c: (c.pref_label.lower(), str(c.iri))))


def _format_words(notes: Iterable[Literal]) -> Iterable[tuple[str, str]]:
    for n in notes:
        if n.datatype is not None and str(n.datatype).startswith(str(CYP)):
            yield str(n.datatype).removeprefix(str(CYP)), str(n)


@cache
def notations(scheme: str | URIRef, notation_format: str) -> dict[str, Concept]:
    """The words one input format writes for a scheme's concepts, word → concept, exactly as written.

    `notation_format` is the local name of the format's datatype (ontology/input-words.ttl):
    "StatisticsNotation", "LaitNotation", "ReviewNotation", "RegisterNotation". A datatype the ontology
    does not declare is refused, so a misspelt format cannot read as a format with no words.
    """
    if (CYP[notation_format], RDF.type, RDFS.Datatype) not in _ontology():
        raise UnknownSchemeError(f"{notation_format} is not a notation datatype of the ontology (input-words.ttl)")
    return {w: c for c in concepts(scheme) for f, w in c.format_words if f == notation_format}


def concept(iri: str | URIRef) -> Concept:
    """The concept with this IRI (or cyp: local name), from whichever scheme holds it."""
    target = URIRef(iri) if str(iri).startswith("http") else CYP[str(iri)]
    for name in schemes():
        for c in concepts(name):
            if c.iri == target:
                return c
    raise KeyError(f"{iri} is not a concept of any scheme of the ontology")


@cache
def label(iri: str | URIRef) -> str:
    """The ontology's English label for any of its terms (class, property or concept), or "" when it has none.

    Views name their legend's kinds ("Outcome", "Body") and membership roles with it.
    """
    graph = _ontology()
    node = URIRef(iri) if str(iri).startswith("http") else CYP[str(iri)]
    for predicate in (SKOS.prefLabel, RDFS.label):
        found = _english(graph, node, predicate)
        if found:
            return found[0]
    return ""


def lookup(scheme: str | URIRef, word: str) -> Concept | None:
    """The concept of `scheme` whose label, alternative label or notation is `word` (any case), or None."""
    wanted = " ".join(word.lower().replace("’", "'").split())
    for c in concepts(scheme):
        if wanted in c.words:
            return c
    return None


def _forms(word: str) -> str:
    """A pattern for a word and its regular inflections (approve → approved, refer → referred, note → notes)."""
    stem = re.escape(word)
    return rf"{stem}(?:s|d|ed|{re.escape(word[-1])}ed)?" if word and word[-1].isalpha() else stem


def named_in(
    scheme: str | URIRef, text: str, *, inflected: bool = False, only_whole: frozenset[URIRef] = frozenset()
) -> Concept | None:
    """The concept of `scheme` whose longest name occurs in `text` as whole words (any case), or None.

    Text and names are compared by their words ("Health & Well-Being Board" reads "health well being
    board"). `inflected` also takes a name's last word with a regular ending ("Approve" in "Recommendations
    Approved"), for a committee system's status words written as past participles. A concept in
    `only_whole` is named only by a text that is one of its names ("Council" is Full Council; "Youth
    Council" is not).
    """
    whole = frozenset(c for c in concepts(scheme) if c.iri in only_whole)
    return first_named(_scheme_patterns(scheme, inflected), text, only_whole=whole)


@cache
def _scheme_patterns(scheme: str | URIRef, inflected: bool) -> list[tuple[Concept, str, re.Pattern[str]]]:
    return name_patterns(((c, n) for c in concepts(scheme) for n in c.names), inflected=inflected)


def name_patterns(names: Iterable[tuple[T, str]], *, inflected: bool = False) -> list[tuple[T, str, re.Pattern[str]]]:
    """Each (key, name) as a pattern of the name's words, longest name first: the order `first_named` tries.

    The extractor's lexicon builds its phrases' patterns with this too, so a scheme's names are found in
    a report as `named_in` finds them.
    """
    out = []
    for key, name in names:
        words = _plain(name).split()
        if not words:
            continue
        last = _forms(words[-1]) if inflected else re.escape(words[-1])
        pattern = " ".join([*(re.escape(w) for w in words[:-1]), last])
        out.append((key, " ".join(words), re.compile(rf"(?<![\w']){pattern}(?![\w'])")))
    return sorted(out, key=lambda knp: -len(knp[1]))


def first_named(
    patterns: Sequence[tuple[T, str, re.Pattern[str]]], text: str, *, only_whole: Collection[T] = frozenset()
) -> T | None:
    """The key of the first pattern (`name_patterns`) found in `text` as whole words, or None; a key in
    `only_whole` only where the text is its name."""
    low = _plain(text)
    for key, name, pattern in patterns:
        if key in only_whole and low != name:
            continue
        if pattern.search(low):
            return key
    return None


def _plain(text: str) -> str:
    """The words of a text or a name, lower case, apostrophes straight, punctuation and spacing dropped."""
    return " ".join(re.findall(r"[\w']+", text.lower().replace("’", "'")))
