"""SHACL validation as SPARQL on the embedded store: pyshacl's own results, without rdflib's slow walk.

Plain pyshacl spends its time finding focus and value nodes in an rdflib graph and running every
SPARQL-based constraint once per focus node. Here each (shape, constraint) becomes one SPARQL
query on the pyoxigraph store (whose union already holds the ontology and the materialised
inferences), and pyshacl still decides and words every result:

- focus nodes are pyshacl's targets as a SPARQL pattern: sh:targetClass as
  `?c rdfs:subClassOf* C . ?this a ?c` (pyshacl's rdf:type plus subclasses found in the data graph),
  sh:targetNode, sh:targetSubjectsOf/ObjectsOf, the SPARQL targets' own SELECT as a sub-query;
- each query returns a *superset* of the violating (focus, value) pairs: exact where SPARQL and
  pyshacl agree by construction (sh:class as `rdf:type/rdfs:subClassOf*`, node kinds, IRIs in
  sh:in, a missing value for sh:minCount 1), and otherwise a provably wider net (a literal of the
  right datatype whose lexical form is not in a safe, always-well-typed subset; more distinct values
  than sh:maxCount, as rdflib's literal normalisation can only merge values);
- the candidates then go through pyshacl's own constraint component (`evaluate`, `make_v_result`,
  `Validator.create_validation_report`), with only the triples those components read, so ill-typed
  literals, normalised lexical forms, messages (`{?value}` templating, languages) and result paths
  come out exactly as in a plain run;
- SPARQL constraints run once with their SELECT joined to the focus pattern on `?this`. That equals
  pyshacl's pre-binding of `$this` for our queries, where `$this` occurs in a triple pattern of every
  branch; a query without `$this`, or with `$currentShape`/`$shapesGraph`, is not compiled.

Anything else (custom constraint components, sh:closed, property pairs, nested shapes beyond
datatype/class/nodeKind/in/cardinality and sh:or of those, blank-node targets...) is reported as unsupported by
`compile_shapes`, and the caller validates those shapes with plain pyshacl.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP
from pyshacl.constraints.core import cardinality_constraints as card
from pyshacl.constraints.core import logical_constraints as logic
from pyshacl.constraints.core import other_constraints as other
from pyshacl.constraints.core import shape_based_constraints as shaped
from pyshacl.constraints.core import string_based_constraints as strings
from pyshacl.constraints.core import value_constraints as values
from pyshacl.constraints.core import value_range_constraints as ranges
from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from pyshacl.pytypes import SHACLExecutor
from pyshacl.shape import Shape
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import Validator
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.extras.shacl import SHACLPathError, parse_shacl_path
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.store.terms import to_rdflib

Term = URIRef | BNode | Literal
"""An RDF term as rdflib gives it (kg.store.to_rdflib): what pyshacl's results take."""

__all__ = ["CompiledShapes", "Unsupported", "compile_shapes"]

_SUBCLASS_OF = f"<{RDF.type}>/<{RDFS.subClassOf}>*"

# Lexical forms that rdflib always parses to the Python type pyshacl expects for the datatype.
# Datatypes rdflib never converts (gYear, gYearMonth, string...) are always well typed.
_SAFE_LEXICAL: dict[Node, str] = {
    XSD.decimal: r"^[+-]?[0-9]+([.][0-9]+)?$",
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.boolean: r"^(true|false)$",
    XSD.date: r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
}
_NEVER_ILL_TYPED = {XSD.string, XSD.gYear, XSD.gYearMonth, XSD.anyURI, RDF.langString}

_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI(?v)",
    SH.BlankNode: "isBlank(?v)",
    SH.Literal: "isLiteral(?v)",
    SH.BlankNodeOrIRI: "(isIRI(?v) || isBlank(?v))",
    SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
    SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
}

# Components whose verdict depends on the value term alone: pyshacl checks the candidates itself.
_TERM_ONLY = (
    values.DatatypeConstraintComponent,
    values.NodeKindConstraintComponent,
    other.InConstraintComponent,
    strings.PatternConstraintComponent,
    strings.MinLengthConstraintComponent,
    strings.MaxLengthConstraintComponent,
    strings.LanguageInConstraintComponent,
    ranges.MinInclusiveConstraintComponent,
    ranges.MaxInclusiveConstraintComponent,
    ranges.MinExclusiveConstraintComponent,
    ranges.MaxExclusiveConstraintComponent,
)
_LOGICAL = (
    logic.OrConstraintComponent,
    logic.XoneConstraintComponent,
    logic.AndConstraintComponent,
    logic.NotConstraintComponent,
    shaped.NodeConstraintComponent,
)


class Unsupported(Exception):
    """A shape uses SHACL this compiler does not translate; validate it with plain pyshacl."""


def _n3(term: Node) -> str:
    if isinstance(term, BNode):
        raise Unsupported(f"blank node {term} cannot be named in a query")
    return term.n3()


def sparql_path(shapes: Graph, path: Node) -> str:
    """A SHACL property path in SPARQL syntax with full IRIs (rdflib parses it and writes it)."""
    try:
        parsed = parse_shacl_path(shapes, path)
    except (SHACLPathError, TypeError) as exc:
        raise Unsupported(f"path {path} is not a SHACL path: {exc}") from exc
    return parsed.n3() if isinstance(parsed, URIRef) else f"({parsed.n3()})"


@dataclass
class _Unit:
    """One shape evaluated on the focus nodes of one pattern (its own targets or its parent's)."""

    shape: Shape
    focus: str
    prefixes: dict[str, str] = field(default_factory=dict)
    classes: frozenset[str] | None = None
    """The target classes, when they are the only targets: no instance of one of them, no focus node."""


def _prefix_lines(prefixes: dict[str, str]) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))


def _merge_prefixes(into: dict[str, str], more: dict[str, str]) -> None:
    for prefix, namespace in more.items():
        if str(into.get(prefix, namespace)) != str(namespace):
            raise Unsupported(f"prefix {prefix} is declared with two namespaces")
        into[prefix] = str(namespace)


def _focus_pattern(shape: Shape) -> tuple[str, dict[str, str], frozenset[str] | None] | None:
    """pyshacl's focus nodes of a shape as a SPARQL pattern binding ?this, its prefixes and its target
    classes if it has no other targets; None when it has no targets."""
    nodes, classes, implicit, objects_of, subjects_of = shape.target()
    branches = []
    prefixes: dict[str, str] = {}
    nodes = list(nodes)
    if nodes:
        branches.append("VALUES ?this { " + " ".join(_n3(n) for n in nodes) + " }")
    targeted = set(classes) | set(implicit)
    for cls in targeted:
        branches.append(f"?c rdfs:subClassOf* {_n3(cls)} . ?this a ?c")
    branches += [f"?this {_n3(p)} ?o" for p in subjects_of]
    branches += [f"?s {_n3(p)} ?this" for p in objects_of]
    if shape._advanced:
        for target in shape.advanced_target().values():
            if target["type"] != SH.SPARQLTarget:
                raise Unsupported(f"{shape.node} has a non-SPARQL custom target")
            helper = target["qh"]
            _merge_prefixes(prefixes, helper.prefixes)
            branches.append("{ " + helper.select_text + " }")
    if not branches:
        return None
    _merge_prefixes(prefixes, {"rdfs": str(RDFS)})
    union = " UNION ".join("{ " + b + " }" for b in branches)
    only_classes = frozenset(str(c) for c in targeted) if len(targeted) == len(branches) else None
    return "{ SELECT DISTINCT ?this WHERE { " + union + " } }", prefixes, only_classes


def _safe_conforms(shape: Shape, var: str) -> tuple[str, str]:
    """(surely conforms, surely fails) for a nested shape on the node in `var`, as SPARQL expressions.

    Each expression is sound (true only when pyshacl agrees); both may be false when only pyshacl
    can tell. Only shapes checkable on the node's own term, type or cardinalities are accepted.
    """
    if shape.deactivated or shape.severity != SH.Violation:
        raise Unsupported(f"nested shape {shape.node} is deactivated or not a Violation")
    sg = shape.sg.graph
    conforms, fails = [], []
    params = {p for p, _ in sg.predicate_objects(shape.node) if p in CONSTRAINT_PARAMETERS_MAP}
    if shape.is_property_shape:
        path = shape.path()
        if not isinstance(path, URIRef) or params - {SH.minCount, SH.maxCount}:
            raise Unsupported(f"nested property shape {shape.node} is not a plain cardinality")
        for low in sg.objects(shape.node, SH.minCount):
            if int(str(low)) != 1:
                raise Unsupported("nested sh:minCount other than 1")
            conforms.append(f"EXISTS {{ {var} {_n3(path)} ?n1 }}")
            fails.append(f"NOT EXISTS {{ {var} {_n3(path)} ?n1 }}")
        for high in sg.objects(shape.node, SH.maxCount):
            if int(str(high)) != 1:
                raise Unsupported("nested sh:maxCount other than 1")
            pair = f"{var} {_n3(path)} ?n2, ?n3 . FILTER (!sameTerm(?n2, ?n3)"
            conforms.append(f"NOT EXISTS {{ {pair}) }}")
            fails.append(f"EXISTS {{ {pair} && !(isLiteral(?n2) && isLiteral(?n3))) }}")
    else:
        if params - {SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH["or"]}:
            raise Unsupported(f"nested shape {shape.node} uses a constraint not compiled here")
        for members in sg.objects(shape.node, SH["or"]):
            tests = [_safe_conforms(s, var) for s in _listed_shapes(shape.sg, members)]
            conforms.append("(" + (" || ".join(ok for ok, _ in tests) or "false") + ")")
            fails.append("(" + (" && ".join(bad for _, bad in tests) or "true") + ")")
        for dt in sg.objects(shape.node, SH.datatype):
            same = f"(isLiteral({var}) && datatype({var}) = {_n3(dt)})"
            fails.append(f"!{same}")
            if dt in _NEVER_ILL_TYPED:
                conforms.append(same)
            elif dt in _SAFE_LEXICAL:
                conforms.append(f"({same} && REGEX(STR({var}), {Literal(_SAFE_LEXICAL[dt]).n3()}))")
            else:
                conforms.append("false")
        for cls in sg.objects(shape.node, SH["class"]):
            test = f"(!isLiteral({var}) && EXISTS {{ {var} {_SUBCLASS_OF} {_n3(cls)} }})"
            conforms.append(test)
            fails.append(f"!{test}")
        for kind in sg.objects(shape.node, SH.nodeKind):
            test = _NODE_KINDS[kind].replace("?v", var)
            conforms.append(test)
            fails.append(f"!{test}")
        for members in sg.objects(shape.node, SH["in"]):
            items = list(Collection(sg, members))
            test = "(" + " || ".join(f"sameTerm({var}, {_n3(m)})" for m in items) + ")" if items else "false"
            conforms.append(test)
            fails.append(f"!{test}" if not any(isinstance(m, Literal) for m in items) else "false")
    return " && ".join(conforms) or "true", " || ".join(fails) or "false"


def _listed_shapes(sg: ShapesGraph, members: Node) -> list[Shape]:
    """The shapes of an RDF list (the members of an sh:or)."""
    return [sg.lookup_shape_from_node(n) for n in Collection(sg.graph, members)]


def _nested_predicates(shapes: Iterable[Shape]) -> set[URIRef]:
    """The predicates pyshacl reads when it checks a value node against these nested shapes (and theirs)."""
    predicates = set()
    for shape in shapes:
        if shape.is_property_shape:
            predicates.add(shape.path())
        elif (shape.node, SH["class"], None) in shape.sg.graph:
            predicates.add(RDF.type)
        for members in shape.sg.graph.objects(shape.node, SH["or"]):
            predicates |= _nested_predicates(_listed_shapes(shape.sg, members))
    return predicates


class CompiledShapes:
    """The shapes graph as pyshacl reads it, with every shape it can run as SPARQL on a store."""

    def __init__(self, shapes: Graph) -> None:
        self.sg = ShapesGraph(shapes)
        self.executor = SHACLExecutor(advanced_mode=True, abort_on_first=False, allow_warnings=True)
        self.units: list[_Unit] = []
        self.unsupported: list[Node] = []
        self._jobs: list[tuple[_Unit, Any]] | None = None
        self._memo: dict[tuple[Any, ...], Any] = {}
        for shape in self.sg.shapes:
            shape.set_advanced(True)
        if self.sg.custom_constraints or _has_rules_or_functions(shapes):
            self.unsupported = [s.node for s in self.sg.shapes if not s.deactivated]
            return
        for shape in self.sg.shapes:
            try:
                units = list(self._units_of(shape))
                for unit in units:
                    self._check(unit.shape)
            except Unsupported:
                self.unsupported.append(shape.node)
                continue
            self.units += units

    def _units_of(self, shape: Shape) -> Iterator[_Unit]:
        if shape.deactivated:
            return
        found = _focus_pattern(shape)
        if found is None:
            return
        focus, prefixes, classes = found
        yield _Unit(shape, focus, prefixes, classes)
        if shape.is_property_shape and (shape.node, SH.property, None) in self.sg.graph:
            raise Unsupported("sh:property under a property shape")
        for node in self.sg.objects(shape.node, SH.property):
            child = self.sg.lookup_shape_from_node(node)
            if not child.deactivated:
                yield _Unit(child, focus, prefixes, classes)

    def _components(self, shape: Shape) -> list[Any]:
        seen, found = set(), []
        for param, _ in self.sg.predicate_objects(shape.node):
            component = CONSTRAINT_PARAMETERS_MAP.get(param)
            if component is None or component in seen or param == SH.property:
                continue
            seen.add(component)
            found.append(component(shape))
        return found

    def _check(self, shape: Shape) -> None:
        """Raise Unsupported now, so a shape is either fully compiled or fully left to pyshacl."""
        path = shape.path()
        if path is not None:
            sparql_path(self.sg.graph, path)
        if any((shape.node, p, None) in self.sg.graph for p in (SH.expression, SH.js)):
            raise Unsupported("SHACL-AF expressions and JavaScript are not compiled")
        for c in self._components(shape):
            if isinstance(c, _LOGICAL):
                for nested in _nested_shapes(c):
                    _safe_conforms(nested, "?v")
            elif isinstance(c, shaped.QualifiedValueShapeConstraintComponent):
                if c.is_disjoint or not isinstance(path, URIRef):
                    raise Unsupported("disjoint qualified shapes or a complex qualified path")
                for nested in _nested_shapes(c):
                    _safe_conforms(nested, "?v")
            elif isinstance(c, SPARQLBasedConstraint):
                for helper in c.sparql_constraints:
                    _, text = helper.pre_bind_variables(URIRef("urn:x-cypkg:this"))
                    if not helper.bind_this_regex.search(text) or any(
                        regex.search(text) for regex in (helper.bind_cs_regex, helper.bind_sg_regex)
                    ):
                        raise Unsupported("a SPARQL constraint that is not about $this alone")
            elif not isinstance(
                c,
                (
                    *_TERM_ONLY,
                    values.ClassConstraintComponent,
                    card.MinCountConstraintComponent,
                    card.MaxCountConstraintComponent,
                ),
            ):
                raise Unsupported(f"{type(c).__name__} is not compiled")

    def jobs(self) -> list[tuple[_Unit, Any]]:
        """Every (unit, constraint component) to evaluate, made once: the write gate validates again and again."""
        if self._jobs is None:
            self._jobs = [(unit, component) for unit in self.units for component in self._components(unit.shape)]
        return self._jobs

    def memo(self, key: tuple[Any, ...], make: Any) -> Any:
        """`make()`, computed once per key: query parts that depend on the shapes alone, never on the data."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def reports(self, store: ox.Store, *, threads: int | None = None) -> list[tuple]:
        """pyshacl's (text, result node, result triples) for every result of the compiled shapes.

        The constraints run in threads: pyoxigraph lets go of the GIL while it evaluates, so two
        cores validate a national store in about 0.6 of the time. Results keep the serial order.
        """
        run = _Run(self, store)
        present = _instantiated_classes(store)
        jobs = [(u, c) for u, c in self.jobs() if u.classes is None or u.classes & present]
        with ThreadPoolExecutor(max_workers=threads or os.cpu_count() or 1) as pool:
            parts = list(pool.map(lambda job: run.evaluate(*job), jobs))
        return [report for part in parts for report in part]

    def report_graph(self, reports: list[tuple]) -> Graph:
        """The SHACL validation report graph, assembled by pyshacl from the results."""
        conforms = not any((node, SH.resultSeverity, SH.Violation) in triples for _, node, triples in reports)
        graph, _ = Validator.create_validation_report(self.sg, conforms, reports)
        return graph


def _instantiated_classes(store: ox.Store) -> set[str]:
    """Every class with an instance, directly or through a subclass (what sh:targetClass can select)."""
    query = (
        f"SELECT DISTINCT ?k WHERE {{ {{ SELECT DISTINCT ?c WHERE {{ ?s <{RDF.type}> ?c }} }} "
        f"?c <{RDFS.subClassOf}>* ?k }}"
    )
    rows = store.query(query, use_default_graph_as_union=True)
    assert isinstance(rows, ox.QuerySolutions)  # the query above is a SELECT
    return {row["k"].value for row in rows if isinstance(row["k"], ox.NamedNode)}


def _has_rules_or_functions(shapes: Graph) -> bool:
    """SHACL-AF rules change the data and functions change queries: leave such graphs to pyshacl."""
    return (None, SH.rule, None) in shapes or any(
        (None, RDF.type, kind) in shapes for kind in (SH.SPARQLFunction, SH.JSFunction, SH.SPARQLRule)
    )


def _nested_shapes(component: Any) -> list[Shape]:
    sg = component.shape.sg
    nodes: list[Node] = []
    if isinstance(component, logic.OrConstraintComponent):
        nodes = [s for lst in component.or_list for s in Collection(sg.graph, lst)]
    elif isinstance(component, logic.XoneConstraintComponent):
        nodes = [s for lst in component.xone_nodes for s in Collection(sg.graph, lst)]
    elif isinstance(component, logic.AndConstraintComponent):
        nodes = [s for lst in component.and_list for s in Collection(sg.graph, lst)]
    elif isinstance(component, logic.NotConstraintComponent):
        nodes = list(component.not_list)
    elif isinstance(component, shaped.NodeConstraintComponent):
        nodes = list(component.node_shapes)
    elif isinstance(component, shaped.QualifiedValueShapeConstraintComponent):
        nodes = list(component.value_shapes)
    return [sg.lookup_shape_from_node(n) for n in nodes]


class _Run:
    """One validation of a store: runs the queries and hands candidates to pyshacl's components."""

    def __init__(self, compiled: CompiledShapes, store: ox.Store) -> None:
        self.compiled = compiled
        self.store = store
        self._subclass_triples: set[tuple[Term, URIRef, Term]] | None = None

    def select(self, unit: _Unit, body: str, prefixes: dict[str, str] | None = None) -> Any:
        """The solutions of a SELECT on the union of graphs, with the unit's and the query's prefixes."""
        merged = dict(unit.prefixes)
        _merge_prefixes(merged, prefixes or {})
        return self.store.query(_prefix_lines(merged) + body, use_default_graph_as_union=True)

    def value_pattern(self, unit: _Unit) -> str:
        path = unit.shape.path()
        if path is None:
            return "BIND (?this AS ?v)"
        return f"?this {self.path_text(path)} ?v"

    def path_text(self, path: Node) -> str:
        return self.compiled.memo(("path", path), lambda: sparql_path(self.compiled.sg.graph, path))

    def pairs(self, unit: _Unit, condition: str) -> dict[Term, set[Term]]:
        body = f"SELECT DISTINCT ?this ?v WHERE {{ {unit.focus} {self.value_pattern(unit)} FILTER ({condition}) }}"
        found: dict[Term, set[Term]] = defaultdict(set)
        for row in self.select(unit, body):
            found[to_rdflib(row["this"])].add(to_rdflib(row["v"]))
        return found

    def foci(self, unit: _Unit, condition: str) -> list[Any]:
        body = f"SELECT DISTINCT ?this WHERE {{ {unit.focus} FILTER ({condition}) }}"
        return [row["this"] for row in self.select(unit, body)]

    def counted_foci(self, unit: _Unit, having: str) -> list[Any]:
        body = (
            f"SELECT ?this WHERE {{ {unit.focus} OPTIONAL {{ {self.value_pattern(unit)} }} "
            "BIND (IF(isLiteral(?v), ?v, ?none) AS ?literal) } "
            f"GROUP BY ?this HAVING ({having})"
        )
        return [row["this"] for row in self.select(unit, body)]

    def foci_with_two_values(self, unit: _Unit) -> list[Any]:
        """Focus nodes with two different value terms: the only ones that can break sh:maxCount 1."""
        path = self.path_text(unit.shape.path())
        body = (
            f"SELECT DISTINCT ?this WHERE {{ {unit.focus} ?this {path} ?v . ?this {path} ?w "
            "FILTER (!sameTerm(?v, ?w)) }"
        )
        return [row["this"] for row in self.select(unit, body)]

    def values_of(self, unit: _Unit, foci: list[Any]) -> dict[Term, set[Term]]:
        """Every value node of each focus node (a few candidates, looked up one by one)."""
        path = unit.shape.path()
        text = f"SELECT DISTINCT ?this ?v WHERE {{ ?this {self.path_text(path)} ?v }}"
        found: dict[Term, set[Term]] = {}
        for focus in foci:
            rows = self.store.query(text, substitutions={ox.Variable("this"): focus}, use_default_graph_as_union=True)
            assert isinstance(rows, ox.QuerySolutions)  # the query above is a SELECT
            found[to_rdflib(focus)] = {to_rdflib(row["v"]) for row in rows}
        return found

    def evaluate(self, unit: _Unit, c: Any) -> list[tuple]:
        shape, executor, empty = unit.shape, self.compiled.executor, Graph()
        if isinstance(c, values.ClassConstraintComponent):
            reports = []
            for cls in c.class_rules:
                test = f"isLiteral(?v) || NOT EXISTS {{ ?v {_SUBCLASS_OF} {_n3(cls)} }}"
                for focus, nodes in self.pairs(unit, test).items():
                    reports += [c.make_v_result(empty, focus, value_node=v) for v in nodes]
            return reports
        if isinstance(c, _TERM_ONLY):
            return c.evaluate(executor, empty, self.pairs(unit, _term_candidates(c)), [shape, c])[1]
        if isinstance(c, card.MinCountConstraintComponent):
            low = int(c.min_count)
            if low == 1:
                candidates = self.foci(unit, f"NOT EXISTS {{ {self.value_pattern(unit)} }}")
                return c.evaluate(executor, empty, {to_rdflib(f): set() for f in candidates}, [shape, c])[1]
            having = f"COUNT(DISTINCT ?v) < {low} || COUNT(DISTINCT ?literal) >= 2"
            return c.evaluate(executor, empty, self.values_of(unit, self.counted_foci(unit, having)), [shape, c])[1]
        if isinstance(c, card.MaxCountConstraintComponent):
            high = int(c.max_count)
            if high == 1:
                candidates = self.foci_with_two_values(unit)
            else:
                candidates = self.counted_foci(unit, f"COUNT(DISTINCT ?v) > {high}")
            return c.evaluate(executor, empty, self.values_of(unit, candidates), [shape, c])[1]
        if isinstance(c, SPARQLBasedConstraint):
            return self.sparql_reports(unit, c)
        if isinstance(c, shaped.QualifiedValueShapeConstraintComponent):
            return self.qualified_reports(unit, c)
        return self.logical_reports(unit, c)

    def sparql_reports(self, unit: _Unit, c: SPARQLBasedConstraint) -> list[tuple]:
        """Each SPARQL constraint once, joined to the focus nodes; rows become results as in pyshacl."""
        reports = []
        empty = Graph()
        for helper in c.sparql_constraints:
            if helper.deactivated:
                continue
            text = self.compiled.memo(
                ("bound", id(helper)), lambda h=helper: h.pre_bind_variables(URIRef("urn:x-cypkg:this"))[1]
            )
            rows = self.select(unit, f"SELECT * WHERE {{ {unit.focus} {{ {text} }} }}", dict(helper.prefixes))
            seen: dict[Term, list[tuple]] = defaultdict(list)
            extra = {"source_constraint": helper.node, "extra_messages": helper.messages or None}
            for row in rows:
                bound = {str(var.value): to_rdflib(row[var]) for var in rows.variables if row[var] is not None}
                focus = bound.pop("this")
                if bound.pop("failure", None) is not None:
                    raise Unsupported("?failure rows are not compiled")
                path, value = bound.pop("path", None), bound.pop("value", None)
                key = (focus, path, value, bound)
                if key in seen[focus]:
                    continue
                seen[focus].append(key)
                value = value if value is not None else (None if c.shape.is_property_shape else focus)
                reports.append(
                    c.make_v_result(
                        empty,
                        focus,
                        value_node=value,
                        result_path=path,
                        bound_vars=(focus, path, value, bound),
                        **extra,
                    )
                )
        return reports

    def subgraph(self, nodes: Iterable[Node], nested: list[Shape]) -> Graph:
        """The triples pyshacl reads to check these nodes against the nested shapes."""
        graph = Graph()
        predicates = _nested_predicates(nested)
        for node in nodes:
            if isinstance(node, Literal):
                continue
            subject = ox.NamedNode(str(node)) if isinstance(node, URIRef) else ox.BlankNode(str(node))
            for predicate in predicates:
                for quad in self.store.quads_for_pattern(subject, ox.NamedNode(str(predicate)), None):
                    graph.add((node, predicate, to_rdflib(quad.object)))
        if RDF.type in predicates:
            if self._subclass_triples is None:
                sub = ox.NamedNode(str(RDFS.subClassOf))
                self._subclass_triples = {
                    (to_rdflib(q.subject), RDFS.subClassOf, to_rdflib(q.object))
                    for q in self.store.quads_for_pattern(None, sub, None)
                }
            for triple in self._subclass_triples:
                graph.add(triple)
        return graph

    def nested_tests(self, c: Any, var: str) -> tuple[list[Shape], list[tuple[str, str]]]:
        """A component's nested shapes and, for each, its (surely conforms, surely fails) on `var`."""

        def make() -> tuple[list[Shape], list[tuple[str, str]]]:
            nested = _nested_shapes(c)
            return nested, [_safe_conforms(s, var) for s in nested]

        return self.compiled.memo(("nested", id(c), var), make)

    def logical_reports(self, unit: _Unit, c: Any) -> list[tuple]:
        nested, tests = self.nested_tests(c, "?v")
        if isinstance(c, logic.OrConstraintComponent):
            surely = " || ".join(ok for ok, _ in tests)
        elif isinstance(c, logic.XoneConstraintComponent):
            surely = " || ".join(
                "(" + " && ".join([ok] + [bad for j, (_, bad) in enumerate(tests) if j != i]) + ")"
                for i, (ok, _) in enumerate(tests)
            )
        elif isinstance(c, logic.NotConstraintComponent):
            surely = " && ".join(bad for _, bad in tests)
        else:
            surely = " && ".join(ok for ok, _ in tests)
        candidates = self.pairs(unit, f"!({surely or 'false'})")
        graph = self.subgraph({v for vs in candidates.values() for v in vs}, nested)
        return c.evaluate(self.compiled.executor, graph, candidates, [unit.shape, c])[1]

    def qualified_reports(self, unit: _Unit, c: Any) -> list[tuple]:
        nested, tests = self.nested_tests(c, "?q")
        path = self.value_pattern(unit).replace("?v", "?q")
        surely = []
        if c.min_count is not None:
            if int(c.min_count) > 1:
                surely.append("false")
            elif int(c.min_count) == 1:
                surely += [f"EXISTS {{ {path} FILTER ({ok}) }}" for ok, _ in tests]
        if c.max_count is not None:
            if int(c.max_count) > 0:
                surely.append("false")
            else:
                surely += [f"NOT EXISTS {{ {path} FILTER (!({bad})) }}" for _, bad in tests]
        candidates = self.values_of(unit, self.foci(unit, f"!({' && '.join(surely) or 'true'})"))
        graph = self.subgraph({v for vs in candidates.values() for v in vs}, nested)
        return c.evaluate(self.compiled.executor, graph, candidates, [unit.shape, c])[1]


def _term_candidates(c: Any) -> str:
    """A SPARQL condition true for every value the component could reject (often exactly those)."""
    if isinstance(c, values.DatatypeConstraintComponent):
        dt = c.datatype_rule
        if dt in (RDFS.Literal, RDFS.Datatype):
            return "true"
        same = f"isLiteral(?v) && datatype(?v) = {_n3(dt)}"
        if dt in _NEVER_ILL_TYPED:
            return f"!({same})"
        if dt in _SAFE_LEXICAL:
            return f"!({same} && REGEX(STR(?v), {Literal(_SAFE_LEXICAL[dt]).n3()}))"
        return "true"
    if isinstance(c, values.NodeKindConstraintComponent):
        return f"!{_NODE_KINDS[c.nodekind_rule]}"
    if isinstance(c, other.InConstraintComponent):
        items = [m for m in c.in_vals if not isinstance(m, BNode)]
        return "true" if not items else "!(" + " || ".join(f"sameTerm(?v, {_n3(m)})" for m in items) + ")"
    return "true"


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Compile a shapes graph; `.unsupported` lists the shapes left to plain pyshacl."""
    return CompiledShapes(shapes)
