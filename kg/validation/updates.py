"""SPARQL Update through the same SHACL gate as every other write, at a cost in proportion to what it changes.

An update is read first (`kg.validation.sparql_policy.plan_update`): which document graphs it
writes, refusing what cannot be known before it runs (a variable graph in a template, the default
graph, CLEAR ALL) and any `LOAD` or `SERVICE` not allowed. Then:

1. the graphs it writes (and any it copies from) are copied into a small in-memory store;
2. the WHERE clause is answered by the real store, over the same default graph as queries (the
   union of every graph, unless the update says `USING` or `WITH`), and its solutions become a
   `VALUES` table, so the operation runs on the copy exactly as it would on the store;
3. each written graph that changed is gated as a replacement (`kg.validation.gate.check_changes`)
   and, only if all pass, all are written in one transaction, inferences recomputed.

Nothing is copied but the graphs the update names, so a small update on a large store stays small.
Blank nodes keep their identity through the copy (they travel as skolem IRIs and come back).
Only the first operation may have a WHERE clause: a later one would have to see the earlier ones'
changes in the store before they are gated.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import QueryError, QueryLimitExceeded
from kg.namespaces import GRAPH, PREFIXES, SLUG
from kg.store.binding import query_syntax_error, table_block
from kg.store.protocol import Store
from kg.store.terms import to_oxigraph, to_rdflib
from kg.validation.gate import Checked, writable, write_changes
from kg.validation.sparql_policy import Operation, check_federation, plan_update

MAX_SOLUTIONS = 100_000
"""Most WHERE solutions one update may act on."""
SKOLEM = "urn:x-cypkg-bnode:"
_NO_GRAPHS = "urn:x-cypkg:no-named-graphs"


def run_update(store: Store, text: str, *, allowed_endpoints: tuple[str, ...] = ()) -> list[Checked]:
    """Apply a SPARQL update through the gate; returns the gate's verdict on each changed graph."""
    check_federation(text, allowed_endpoints)
    plan = plan_update(text)
    later = [op.verb for op in plan.operations[1:] if op.where is not None]
    if later:
        raise QueryError(
            f"only the first operation of an update may have a WHERE clause (found a later {later[0]})",
            hint="send each DELETE/INSERT … WHERE as its own request",
        )
    names = {iri: document_graph(iri) for iri in plan.writes}
    work = ox.Store()
    known = set(store.graphs())
    before: dict[str, set[ox.Quad]] = {}
    for iri in [*plan.writes, *plan.reads]:
        quads = _copy(store, iri) if iri in known else []
        work.extend(quads)
        if iri in names:
            before[iri] = set(quads)
    for op in plan.operations:
        _run(work, store, op)
    changes: dict[str, Graph | None] = {}
    for iri, name in names.items():
        after = set(work.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
        if after != before[iri]:
            changes[name] = _graph(after) if after else None
    return write_changes(store, changes) if changes else []


def document_graph(iri: str) -> str:
    """The name of a document graph an update may change, or a refusal saying why not."""
    base = str(GRAPH)
    name = iri[len(base) :] if iri.startswith(base) else ""
    if name:
        writable(name)
    if not name or not SLUG.match(name):
        raise QueryError(
            f"this update changes graph <{iri}>, which updates may not touch",
            hint=f"write inside GRAPH <{base}NAME> {{ … }} for a document graph; inferred graphs follow by themselves",
        )
    return name


def _run(work: ox.Store, store: Store, op: Operation) -> None:
    """One operation on the copy; a WHERE clause is answered by the real store first."""
    text = op.text
    if op.where is not None:
        rows = _where_table(store, op)
        with_clause = f"WITH <{op.with_graph}> " if op.with_graph else ""
        text = f"{with_clause}{' '.join(op.templates)} WHERE {{ {rows} }}"
    try:
        work.update(f"{op.prologue}\n{text}", prefixes=PREFIXES)
    except SyntaxError as exc:
        raise query_syntax_error(exc) from exc
    except OSError as exc:
        raise QueryError(f"the update could not run: {exc}", hint="check the update") from exc


def _where_table(store: Store, op: Operation) -> str:
    """The WHERE clause's solutions on the real store, as a VALUES table (blank nodes as skolem IRIs)."""
    default = op.using or ([op.with_graph] if op.with_graph else [])
    named = op.using_named or ([_NO_GRAPHS] if op.using else [])
    kind, body = store.query_serialized(
        f"{op.prologue}\nSELECT * WHERE {op.where}",
        "json",
        default_graph=default or None,
        named_graphs=named or None,
    )
    results = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    variables = [v.value for v in results.variables]  # type: ignore[union-attr]
    rows: list[list[Any]] = []
    for solution in results:  # type: ignore[union-attr]
        if len(rows) >= MAX_SOLUTIONS:
            raise QueryLimitExceeded(
                "rows",
                f"the update's WHERE clause matches more than {MAX_SOLUTIONS:,} solutions",
                hint="narrow the WHERE clause, or split the update into several",
            )
        rows.append([_cell(solution[v]) for v in variables])
    return table_block(variables, rows)


def _cell(term: object) -> ox.NamedNode | ox.Literal | None:
    """A solution's value as the table holds it: blank nodes as skolem IRIs, unbound as None."""
    if term is None or isinstance(term, ox.NamedNode | ox.Literal):
        return term
    if isinstance(term, ox.BlankNode):
        return ox.NamedNode(SKOLEM + term.value)
    raise QueryError(
        "the update's WHERE clause binds a quoted triple", hint="updates of RDF-star data are not supported"
    )


def _copy(store: Store, iri: str) -> list[ox.Quad]:
    graph = ox.NamedNode(iri)
    return [
        ox.Quad(_skolem(to_oxigraph(s)), to_oxigraph(p), _skolem(to_oxigraph(o)), graph) for s, p, o in store.graph(iri)
    ]


def _skolem(term: Any) -> Any:
    return ox.NamedNode(SKOLEM + term.value) if isinstance(term, ox.BlankNode) else term


def _graph(quads: set[ox.Quad]) -> Graph:
    g = Graph()
    for q in quads:
        g.add((to_rdflib(_unskolem(q.subject)), to_rdflib(q.predicate), to_rdflib(_unskolem(q.object))))
    return g


def _unskolem(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, ox.NamedNode) and term.value.startswith(SKOLEM):
        return ox.BlankNode(term.value[len(SKOLEM) :])
    if isinstance(term, ox.Triple):
        raise QueryError("the update writes a quoted triple", hint="updates of RDF-star data are not supported")
    return term
