"""RDF terms across the rdflib ⇄ oxigraph boundary, and SPARQL 1.1 JSON results for both backends."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.namespaces import GRAPH

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def date_literal(text: str) -> Literal | None:
    """An ISO date at the precision written: yyyy-mm-dd a day (xsd:date), yyyy-mm a month, yyyy a year; else None.

    A month or year is never turned into a day: "2019-03" stays "2019-03"^^xsd:gYearMonth.
    """
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return None
        return Literal(text, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return Literal(text, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", text):
        return Literal(text, datatype=XSD.gYear)
    return None


def to_rdflib(term: Any) -> URIRef | BNode | Literal:
    """An oxigraph term as the equivalent rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == XSD_STRING else URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> Any:
    """An rdflib term as the equivalent oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"unsupported term {term!r}")


def solutions_json(variables: list[str], solutions: Iterable[Any]) -> bytes:
    """SPARQL 1.1 Query Results JSON for these solutions (pyoxigraph's, or dicts of every variable to
    an oxigraph term or None): the one writer for both backends' answers."""
    bindings = []
    for solution in solutions:
        row = {}
        for name in variables:
            term = solution[name]
            if term is not None:
                row[name] = term_json(term)
        bindings.append(row)
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


def term_json(term: Any) -> dict[str, Any]:
    """One RDF term in SPARQL JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"unsupported term {term!r}")


def graph_to_quads(graph: Graph, name: str) -> list[ox.Quad]:
    """An rdflib graph's triples as quads in the named graph `name`."""
    g = ox.NamedNode(str(GRAPH[name]))
    return [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), g) for s, p, o in graph]
