"""SHACL validation of cypkg data against the shapes in ontology/.

The CLI (`cypkg validate`), the write gate (kg.validation.gate) and the API all call `validate`, so a
council officer sees the same results, in the same order, wherever they ask. Results carry the
shape's own sh:message, written for officers, and are sorted so reports diff cleanly.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pyshacl
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node
from rich.table import Table

from kg.namespaces import shorten
from kg.ontology.files import load_ontology, load_shapes
from kg.store.inference import transitive_closure

__all__ = [
    "SEVERITIES",
    "entail",
    "ValidationReport",
    "ValidationResult",
    "report_results",
    "validate",
]

SEVERITIES = ("Violation", "Warning", "Info")
_SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass
class ValidationResult:
    """One result of the SHACL report, flattened for tables, JSON and tests."""

    severity: str
    focus_node: Node
    result_path: Node | str | None
    value: Node | None
    constraint_component: str
    source_shape: Node | None
    message: str

    def sort_key(self) -> tuple[Any, ...]:
        return (
            _SEVERITY_RANK.get(self.severity, len(SEVERITIES)),
            str(self.focus_node),
            str(self.result_path or ""),
            self.constraint_component,
            str(self.value or ""),
            str(self.source_shape or ""),
            self.message,
        )

    def to_dict(self) -> dict[str, str | None]:
        def text(term: Node | str | None) -> str | None:
            return None if term is None else str(term)

        return {
            "severity": self.severity,
            "focus_node": text(self.focus_node),
            "result_path": text(self.result_path),
            "value": text(self.value),
            "constraint_component": self.constraint_component,
            "source_shape": text(self.source_shape),
            "message": self.message,
        }


@dataclass
class ValidationReport:
    """What validation found; `conforms` is False only when there is at least one Violation."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph, repr=False)

    def counts(self) -> dict[str, int]:
        """How many results of each severity, always with all three keys, most severe first."""
        tally = Counter(r.severity for r in self.results)
        return {severity: tally.get(severity, 0) for severity in SEVERITIES}

    def to_json(self) -> str:
        """The results as a JSON list of objects with full IRIs (stable for the API and diffs)."""
        return json.dumps([r.to_dict() for r in self.results], indent=2, ensure_ascii=False)

    def to_turtle(self) -> str:
        """The raw SHACL validation report graph, for tools that speak SHACL."""
        return self.graph.serialize(format="turtle")

    def to_table(self, severity: str | None = None) -> Table:
        """A rich table for the terminal, IRIs shortened with the project's prefixes; one severity if given."""
        table = Table("severity", "shape", "focus node", "path", "value", "message", show_lines=True)
        colour = {"Violation": "red", "Warning": "yellow", "Info": "cyan"}
        for r in self.results:
            if severity is not None and r.severity != severity:
                continue
            table.add_row(
                f"[{colour.get(r.severity, 'white')}]{r.severity}[/]",
                shorten(r.source_shape),
                shorten(r.focus_node),
                shorten(r.result_path),
                shorten(r.value),
                r.message,
            )
        return table


def entail(data: Graph, ontology: Graph) -> Graph:
    """`data` plus the ontology plus what the store materialises from it.

    That is rdfs:subClassOf and rdfs:subPropertyOf closure, owl:inverseOf and
    owl:SymmetricProperty (the rules of kg.store.inference), so a single graph validates as it would
    inside the store. Unlike full RDFS entailment it adds no `rdf:type rdfs:Resource` to every
    node, which would make every dangling reference look described, and it is much faster.
    """
    superclasses = transitive_closure(ontology, RDFS.subClassOf)
    superproperties = transitive_closure(ontology, RDFS.subPropertyOf)
    inverses: dict[Node, set[Node]] = {}
    for a, b in ontology.subject_objects(OWL.inverseOf):
        inverses.setdefault(a, set()).add(b)
        inverses.setdefault(b, set()).add(a)
    symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    closed = Graph()
    closed += ontology
    closed += data
    frontier = list(data)
    while frontier:
        new: list[tuple[Node, Node, Node]] = []
        for s, p, o in frontier:
            if p == RDF.type and isinstance(o, URIRef):
                new.extend((s, p, sup) for sup in superclasses.get(o, ()))
            if isinstance(p, URIRef):
                new.extend((s, sup, o) for sup in superproperties.get(p, ()))
            if not isinstance(o, Literal):
                new.extend((o, inv, s) for inv in inverses.get(p, ()))
                if p in symmetric:
                    new.append((o, p, s))
        frontier = [t for t in new if t not in closed]
        for triple in frontier:
            closed.add(triple)
    return closed


def _flatten(data: Graph | Dataset) -> Graph:
    """One graph holding every triple of a dataset (union of named graphs), or the graph itself."""
    if isinstance(data, Dataset):
        union = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return data


def render_path(report: Graph, path: Node | None) -> Node | str | None:
    """A SHACL property path: the IRI itself, or SPARQL path syntax for a complex path."""
    if path is None or isinstance(path, URIRef):
        return path
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{_path_text(report, inverse)}"
    alternatives = report.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_path_text(report, p) for p in Collection(report, alternatives))
    for key, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = report.value(path, key)
        if inner is not None:
            return f"({_path_text(report, inner)}){suffix}"
    if report.value(path, RDF.first) is not None:
        return "/".join(_path_text(report, p) for p in Collection(report, path))
    return path


def _path_text(report: Graph, path: Node) -> str:
    rendered = render_path(report, path)
    return shorten(rendered) if isinstance(rendered, Node) else str(rendered)


def _focus_node(report: Graph, result: Node) -> Node:
    """A result's sh:focusNode, which SHACL requires of every validation result."""
    focus = report.value(result, SH.focusNode)
    if focus is None:
        raise ValueError(f"the SHACL report's result {result} has no sh:focusNode")
    return focus


def report_results(report: Graph) -> list[ValidationResult]:
    """The results of a SHACL report graph, flattened and sorted as `validate` returns them."""
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(node, SH.resultSeverity)
        component = report.value(node, SH.sourceConstraintComponent)
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        english = [str(m) for m in report.objects(node, SH.resultMessage) if getattr(m, "language", None) == "en"]
        results.append(
            ValidationResult(
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                focus_node=_focus_node(report, node),
                result_path=render_path(report, report.value(node, SH.resultPath)),
                value=report.value(node, SH.value),
                constraint_component=str(component).rsplit("#", 1)[-1] if component is not None else "",
                source_shape=report.value(node, SH.sourceShape),
                message=(sorted(english) or messages or [""])[0],
            )
        )
    return sorted(results, key=ValidationResult.sort_key)


def validate(
    data: Graph | Dataset,
    *,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    inference: str = "rdfs",
) -> ValidationReport:
    """Check `data` (a graph, or every named graph of a dataset together) against the shapes.

    The ontology is mixed in and, with inference="rdfs" (the default), the subclass and
    sub-property closure plus inverses added as the store materialises them (see `entail`), so a
    graph of one source document validates the same way it does inside the store. "none" checks
    the data as given (plus the ontology); any other value ("owlrl", "both") is passed to pyshacl.
    """
    shapes_graph = shapes if shapes is not None else load_shapes()
    ontology_graph = ontology if ontology is not None else load_ontology()
    flat = _flatten(data)
    if inference == "rdfs":
        target, ont_graph, pyshacl_inference = entail(flat, ontology_graph), None, "none"
    elif inference == "none":
        target, ont_graph, pyshacl_inference = flat + ontology_graph, None, "none"
    else:
        target, ont_graph, pyshacl_inference = flat, ontology_graph, inference
    conforms, report_graph, _ = pyshacl.validate(
        target,
        shacl_graph=shapes_graph,
        ont_graph=ont_graph,
        inference=pyshacl_inference,
        advanced=True,
        abort_on_first=False,
        allow_warnings=True,
    )
    if not isinstance(report_graph, Graph):
        raise ValueError(f"the SHACL shapes could not be applied: {report_graph}")
    results = report_results(report_graph)
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results),
        results=results,
        graph=report_graph,
    )
