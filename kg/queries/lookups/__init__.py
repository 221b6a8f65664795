"""Lookups for council systems: one query per answer, read as plain values, shaped as JSON, cached by store generation.

Each answer is a JSON-ready dict: a thing is `{"id": slug, "iri": …, "label": …}`, vocabulary values
are prefixed names (`cyp:Draft`), literals are JSON values. The same JSON becomes JSON-LD by adding
`@context` (the service publishes `CONTEXT`), and Turtle by reading that JSON-LD, so the three never
disagree (`encode`).

Why fast: every answer is one SPARQL query (`plan.rq` gathers a plan's five parts in one), run with
its parameters bound, and on the embedded store its solutions are read as oxigraph terms straight
into plain values, with no rdflib term in between. Answers are a pure function of the store, so
`AnswerCache` keeps them under the store's generation (`OxigraphStore.generation`), which every
write changes: a cached answer is never older than the data.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import UnknownIdError
from kg.namespaces import ID, PREFIXES, SLUG, local_id
from kg.queries import NamedQuery, asked_for_examples, bind_scoped, parse_query_file
from kg.store.binding import query_bound
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store
from kg.store.terms import to_oxigraph

LOOKUP_DIR = Path(__file__).resolve().parent
PARTNER_KINDS = ("organisation", "board", "authority")
_XSD = PREFIXES["xsd"]
_INTEGER_TYPES = {
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_LANG_STRING = PREFIXES["rdf"] + "langString"
_FLOAT_TYPES = {_XSD + "double", _XSD + "float"}
_PREFIX_ITEMS = [(p, ns) for p, ns in PREFIXES.items() if p != "id"]

CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    **{p: ns for p, ns in PREFIXES.items() if p not in ("id",)},
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "iri": "@id",
    "id": "dcterms:identifier",
    "label": "rdfs:label",
    "total": "hydra:totalItems",
    "items": {"@id": "hydra:member", "@container": "@set"},
    "limit": None,
    "offset": None,
    "next": None,
    "authority": {"@id": "cyp:authority", "@type": "@id"},
    "periodStart": {"@id": "cyp:periodStart", "@type": "xsd:gYear"},
    "periodEnd": {"@id": "cyp:periodEnd", "@type": "xsd:gYear"},
    "status": {"@id": "cyp:status", "@type": "@id"},
    "planType": {"@id": "cyp:planType", "@type": "@id"},
    "cypp": None,
    "description": "dcterms:description",
    "gssCode": "cyp:gssCode",
    "dfeCode": "cyp:dfeCode",
    "priorities": {"@id": "cyp:hasPriority", "@container": "@set"},
    "owners": {"@id": "cyp:ownedBy", "@container": "@set"},
    "role": None,
    "outcomes": {"@id": "cyp:contributesTo", "@container": "@set"},
    "indicators": {"@id": "cyp:measuredBy", "@container": "@set"},
    "plan": {"@id": "cyp:priorityOf", "@type": "@id"},
    "related": None,
    "relation": None,
    "duties": {"@id": "cyp:discharges", "@container": "@set"},
    "legalBasis": {"@id": "cyp:legalBasis", "@container": "@set"},
    "dutyStatus": {"@id": "cyp:dutyStatus", "@type": "@id"},
    "meetings": None,
    "decisions": {"@reverse": "cyp:madeAt", "@container": "@set"},
    "decisionKind": {"@id": "cyp:decisionKind", "@type": "@id"},
    "decisionStatus": {"@id": "cyp:decisionStatus", "@type": "@id"},
    "date": "cyp:meetingDate",
    "body": {"@id": "cyp:body", "@type": "@id"},
    "strategyType": {"@id": "cyp:strategyType", "@type": "@id"},
    "feedsInto": {"@id": "cyp:feedsInto", "@type": "@id"},
    "notation": "skos:notation",
    "definition": "skos:definition",
    "unit": "cyp:unit",
    "polarity": {"@id": "cyp:polarity", "@type": "@id"},
    "publisher": {"@id": "dcterms:publisher", "@type": "@id"},
    "measures": {"@reverse": "cyp:measuredBy", "@container": "@set"},
}

Row = dict[str, "Term"]


class Term:
    """An RDF term as a lookup reads it: an IRI, or a literal's lexical form with its datatype or language."""

    __slots__ = ("datatype", "iri", "language", "text")

    def __init__(self, text: str, *, iri: bool, datatype: str = "", language: str = "") -> None:
        self.text, self.iri, self.datatype, self.language = text, iri, datatype, language

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Term) and (self.text, self.iri, self.datatype, self.language) == (
            other.text,
            other.iri,
            other.datatype,
            other.language,
        )

    def __hash__(self) -> int:
        return hash((self.text, self.iri, self.datatype, self.language))

    def __repr__(self) -> str:
        return f"<{self.text}>" if self.iri else repr(self.text)


def _from_oxigraph(term: Any) -> Term:
    if isinstance(term, ox.NamedNode):
        return Term(term.value, iri=True)
    if isinstance(term, ox.Literal):
        return Term(term.value, iri=False, datatype=term.datatype.value, language=term.language or "")
    return Term(str(term.value), iri=False)  # a blank node: shown by its label, as rdflib's str() did


def _from_rdflib(term: Node) -> Term:
    """As `_from_oxigraph` reads the same term: a literal always has a datatype (RDF 1.1), so a remote
    store's plain literal is an xsd:string and a language-tagged one an rdf:langString."""
    if isinstance(term, URIRef):
        return Term(str(term), iri=True)
    if isinstance(term, Literal):
        if term.language:
            return Term(str(term), iri=False, datatype=_LANG_STRING, language=term.language)
        return Term(str(term), iri=False, datatype=str(term.datatype or _XSD + "string"))
    return Term(str(term), iri=False)


@cache
def lookup_query(name: str) -> NamedQuery:
    """One of the lookup queries in this folder, read once."""
    return parse_query_file(LOOKUP_DIR / f"{name}.rq")


@cache
def reference_query(name: str) -> NamedQuery:
    """A query a lookup query replaced (reference/), kept so tests can check the two agree."""
    return parse_query_file(LOOKUP_DIR / "reference" / f"{name}.rq")


def select(store: Store, name: str, params: Mapping[str, str | Node | None] | None = None) -> list[Row]:
    """Run a lookup query with its parameters typed and bound (never pasted); rows of plain terms."""
    return select_query(store, lookup_query(name), params)


def select_query(store: Store, query: NamedQuery, params: Mapping[str, str | Node | None] | None = None) -> list[Row]:
    """Run a query read from a file, as `select` does.

    Fictional example data comes in only when asked for (`kg.queries.scope_examples`). On the
    embedded store the oxigraph solutions are read directly; other stores answer through `Store.select`.
    """
    bindings = bind_scoped(store, query, params)
    if isinstance(store, OxigraphStore):
        result = query_bound(store.as_oxigraph(), query.text, {k: to_oxigraph(v) for k, v in bindings.items()})
        names = [v.value for v in result.variables]
        return [
            {n: _from_oxigraph(t) for n, t in zip(names, solution, strict=True) if t is not None} for solution in result
        ]
    return [{k: _from_rdflib(v) for k, v in row.items()} for row in store.select(query.text, bindings=bindings)]


def resolve(store: Store, kinds: Iterable[str], ident: str, what: str, hint: str) -> URIRef:
    """The IRI of an id of one of these kinds that the graph knows, or UnknownIdError."""
    if SLUG.match(ident):
        for kind in kinds:
            iri = ID[f"{kind}/{ident}"]
            if store.ask("ASK { { ?item ?p ?o } UNION { ?s ?p ?item } }", {"item": iri}):
                return iri
    raise UnknownIdError(what, ident, hint=hint)


def value(term: Term | None) -> Any:
    """A term as JSON: our things as their id, vocabulary as a prefixed name, literals as values."""
    if term is None:
        return None
    text = term.text
    if term.iri:
        if text.startswith(str(ID)):
            return local_id(text)
        for prefix, ns in _PREFIX_ITEMS:
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns) :]}"
        return text
    if term.datatype in _INTEGER_TYPES:
        try:
            return int(text)
        except ValueError:
            return text
    if term.datatype in _FLOAT_TYPES:
        try:
            return float(text)
        except ValueError:
            return text
    if term.datatype == _XSD + "boolean" and text in ("true", "false", "1", "0"):
        return text in ("true", "1")
    return text


def ref(term: Term | URIRef | None, label: Term | str | None = None) -> dict[str, Any] | None:
    """A linked thing: id, IRI and label (None for no thing, so optional links drop out)."""
    if term is None:
        return None
    out: dict[str, Any] = {"id": local_id(str(term)), "iri": str(term)}
    if label is not None and str(label):
        out["label"] = str(label)
    return out


def drop_none(data: dict[str, Any]) -> dict[str, Any]:
    """The dict without keys whose value is None or an empty list."""
    return {k: v for k, v in data.items() if v is not None and v != []}


def page(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    """One page of a list, with the total."""
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset : offset + limit]}


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for item in items:
        seen.setdefault(item["iri"], item)
    return list(seen.values())


# --- the answers ----------------------------------------------------------------------------------


def authorities(store: Store, q: str | None, limit: int, offset: int, include_examples: bool = False) -> dict[str, Any]:
    """English local authorities with their GSS and DfE codes, optionally those whose name contains `q`."""
    items = [
        drop_none(
            {
                **(ref(r["item"], r.get("label")) or {}),
                "gssCode": value(r.get("gssCode")),
                "dfeCode": value(r.get("dfeCode")),
            }
        )
        for r in select(store, "authorities", {"q": q, **asked_for_examples(include_examples)})
    ]
    return page(items, limit, offset)


def _plan_item(r: Row, id_key: str = "item") -> dict[str, Any]:
    return drop_none(
        {
            **(ref(r[id_key], r.get("label")) or {}),
            "authority": ref(r.get("authority"), r.get("authorityLabel")),
            "periodStart": value(r.get("periodStart")),
            "periodEnd": value(r.get("periodEnd")),
            "status": value(r.get("status")),
            "cypp": flag(r.get("cypp")),
        }
    )


def flag(term: Term | None) -> bool | None:
    """A boolean the query computed, as JSON: Virtuoso writes a computed `true` as the integer 1."""
    return None if term is None else term.text in ("true", "1")


def plans(
    store: Store, q: str | None, authority: str | None, limit: int, offset: int, include_examples: bool = False
) -> dict[str, Any]:
    """Plans (CYPPs, strategies and the plans they relate to); `cypp` marks Children and Young People's Plans."""
    rows = select(store, "plans", {"q": q, "authority": authority, **asked_for_examples(include_examples)})
    return page([_plan_item(r) for r in rows], limit, offset)


PLAN_SECTIONS = ("plan", "priority", "related", "duty", "meeting")
"""The parts of `plan.rq`'s answer, by the value of its ?section column."""


def plan(store: Store, plan_id: str, views_base: str) -> dict[str, Any]:
    """Everything a council system needs about one plan, from one query; UnknownIdError when there is no such plan."""
    rows = select(store, "plan", {"plan": ID[f"plan/{plan_id}"]})
    parts: dict[str, list[Row]] = {s: [] for s in PLAN_SECTIONS}
    for r in rows:
        parts[str(r["section"])].append(r)
    if not parts["plan"]:
        raise UnknownIdError("plan", plan_id, hint=f"search for it with GET /plans?q={plan_id.split('-')[0]}")
    summary = plan_summary(parts["plan"])
    body = _plan_item(summary, "plan")
    body["planType"] = value(summary.get("planType"))
    body["description"] = value(summary.get("description"))
    priorities = _priorities(parts["priority"])
    body["priorities"] = priorities
    body["indicators"] = _unique([i for p in priorities for i in p.get("indicators", [])])
    body["related"] = [
        {"relation": value(r.get("relation")), **(ref(r["other"], r.get("label")) or {})}
        for r in plan_related_rows(parts["related"])
    ]
    body["strategies"] = [r for r in body["related"] if r["relation"] == "fedBy"]
    body["duties"] = _duties(parts["duty"])
    body["meetings"] = _meetings(parts["meeting"])
    body["views"] = {"partnerPriority": f"{views_base}views/partner-priority?plan={plan_id}"}
    return drop_none(body)


def plan_summary(rows: list[Row]) -> Row:
    """The "plan" rows of `plan.rq` folded into one, as the plan's own query did with MIN and MAX.

    A property with several values gives several rows; the first value in query order is kept.
    """
    out: Row = {"plan": rows[0]["plan"]}
    renamed = {"planStatus": "status", "planDescription": "description"}
    for r in rows:
        for key, term in r.items():
            name = renamed.get(key, key)
            if name not in out and key not in ("section", "title", "pref", "cypp"):
                out[name] = term
    label = next((r[k] for r in rows for k in ("title", "pref") if k in r), None)
    out["label"] = label if label is not None else Term("", iri=False)
    cypp = any(r.get("cypp") is not None and r["cypp"].text in ("true", "1") for r in rows)
    out["cypp"] = Term("true" if cypp else "false", iri=False, datatype=_XSD + "boolean")
    return out


def plan_related_rows(rows: list[Row]) -> list[Row]:
    """The "related" rows with the label the related plan's query gave (title, else prefLabel, else ""), distinct."""
    out: OrderedDict[tuple[Term, Term, Term], Row] = OrderedDict()
    for r in rows:
        label = r.get("title") or r.get("pref") or Term("", iri=False)
        key = (r["relation"], r["other"], label)
        out.setdefault(key, {"plan": r["plan"], "relation": r["relation"], "other": r["other"], "label": label})
    return list(out.values())


def _priorities(rows: list[Row], key: str = "priority") -> list[dict[str, Any]]:
    """Rows of (priority, owner, outcome, indicator) folded into one object per priority."""
    out: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for r in rows:
        p = out.setdefault(
            str(r[key]), {**(ref(r[key], r.get("label")) or {}), "owners": [], "outcomes": [], "indicators": []}
        )
        if r.get("plan") is not None and "planLabel" in r:
            p["plan"] = ref(r["plan"], r.get("planLabel"))
        if r.get("owner") is not None:
            owner = {**(ref(r["owner"], r.get("ownerLabel")) or {}), "role": value(r.get("role"))}
            if owner not in p["owners"]:
                p["owners"].append(owner)
        if r.get("outcome") is not None:
            outcome = ref(r["outcome"], r.get("outcomeLabel"))
            if outcome not in p["outcomes"]:
                p["outcomes"].append(outcome)
        if r.get("indicator") is not None:
            ind = drop_none(
                {**(ref(r["indicator"], r.get("indicatorLabel")) or {}), "notation": value(r.get("notation"))}
            )
            if ind not in p["indicators"]:
                p["indicators"].append(ind)
    return [drop_none(p) for p in out.values()]


def _duties(rows: list[Row]) -> list[dict[str, Any]]:
    out: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for r in rows:
        d = out.setdefault(
            str(r["duty"]),
            {**(ref(r["duty"], r.get("label")) or {}), "legalBasis": [], "dutyStatus": value(r.get("status"))},
        )
        if r.get("legalBasis") is not None:
            d["legalBasis"].append(drop_none({"iri": str(r["legalBasis"]), "label": value(r.get("legalBasisLabel"))}))
    return [drop_none(d) for d in out.values()]


def _meetings(rows: list[Row]) -> list[dict[str, Any]]:
    out: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for r in rows:
        m = out.setdefault(
            str(r["meeting"]),
            drop_none(
                {
                    **(ref(r["meeting"], r.get("label")) or {}),
                    "date": value(r.get("date")),
                    "body": ref(r.get("body"), r.get("bodyLabel")),
                }
            )
            | {"decisions": []},
        )
        m["decisions"].append(
            drop_none(
                {
                    **(ref(r["decision"]) or {}),
                    "decisionKind": value(r.get("decisionKind")),
                    "decisionStatus": value(r.get("decisionStatus")),
                    "description": value(r.get("description")),
                }
            )
        )
    return list(out.values())


def partners(
    store: Store, q: str | None, authority: str | None, limit: int, offset: int, include_examples: bool = False
) -> dict[str, Any]:
    """Partners: boards, partnerships, NHS bodies, police, schools and voluntary organisations named in the plans."""
    rows = select(store, "partners", {"q": q, "authority": authority, **asked_for_examples(include_examples)})
    items = _unique(
        [drop_none({**(ref(r["item"], r.get("label")) or {}), "authority": ref(r.get("authority"))}) for r in rows]
    )
    return page(items, limit, offset)


def partner_priorities(store: Store, partner_id: str) -> dict[str, Any]:
    """Which priorities, in which plans, a partner is accountable for, and in what role."""
    iri = resolve(
        store,
        PARTNER_KINDS,
        partner_id,
        "partner",
        hint=f"search for it with GET /partners?q={partner_id.split('-')[-1]}",
    )
    label = select(store, "partner", {"partner": iri})
    priorities = [
        drop_none(
            {
                **(ref(r["priority"], r.get("label")) or {}),
                "role": value(r.get("role")),
                "plan": ref(r.get("plan"), r.get("planLabel")),
            }
        )
        for r in select(store, "partner_priorities", {"partner": iri})
    ]
    return {**(ref(iri, label[0].get("label") if label else None) or {}), "priorities": priorities}


def priority(store: Store, priority_id: str) -> dict[str, Any]:
    """A priority of a plan: who owns it, which outcome it serves and how it is measured."""
    rows = select(store, "priority", {"priority": ID[f"priority/{priority_id}"]})
    if not rows:
        raise UnknownIdError("priority", priority_id, hint="a plan's priorities are listed at GET /plans/{plan_id}")
    return _priorities(rows)[0]


def strategies(
    store: Store, q: str | None, authority: str | None, limit: int, offset: int, include_examples: bool = False
) -> dict[str, Any]:
    """Strategies that feed a CYPP (SEND, looked-after children, youth justice …), with their type."""
    items = [
        drop_none(
            {
                **(ref(r["item"], r.get("label")) or {}),
                "authority": ref(r.get("authority")),
                "strategyType": value(r.get("strategyType")),
                "feedsInto": ref(r.get("feedsInto")),
            }
        )
        for r in select(store, "strategies", {"q": q, "authority": authority, **asked_for_examples(include_examples)})
    ]
    return page(items, limit, offset)


def meetings(
    store: Store,
    q: str | None,
    from_: str | None,
    to: str | None,
    body: str | None,
    limit: int,
    offset: int,
    include_examples: bool = False,
) -> dict[str, Any]:
    """Meetings of boards, cabinets and councils, oldest first."""
    rows = select(
        store, "meetings", {"q": q, "from": from_, "to": to, "body": body, **asked_for_examples(include_examples)}
    )
    items = [
        drop_none(
            {
                **(ref(r["item"], r.get("label")) or {}),
                "date": value(r.get("date")),
                "body": ref(r.get("body"), r.get("bodyLabel")),
                "status": value(r.get("status")),
            }
        )
        for r in rows
    ]
    return page(items, limit, offset)


def indicator(store: Store, indicator_id: str) -> dict[str, Any]:
    """A measure, and the plan priorities that track it."""
    iri = ID[f"indicator/{indicator_id}"]
    rows = select(store, "indicator", {"indicator": iri})
    if not rows:
        raise UnknownIdError("indicator", indicator_id, hint="indicator ids look like lait-lac; see /sparql for a list")
    r = rows[0]
    body: dict[str, Any] = {
        **(ref(iri, r.get("label")) or {}),
        **{k: value(r.get(k)) for k in ("notation", "definition", "unit", "polarity", "publisher")},
        "measures": [
            drop_none({**(ref(p["priority"], p.get("label")) or {}), "plan": ref(p.get("plan"), p.get("planLabel"))})
            for p in select(store, "indicator_priorities", {"indicator": iri})
        ],
    }
    return drop_none(body)


# --- representations and the cache ----------------------------------------------------------------


def as_jsonld(body: dict[str, Any], context_url: str) -> dict[str, Any]:
    """The JSON body as JSON-LD, pointing at the published context."""
    return {"@context": context_url, **body}


def as_turtle(body: dict[str, Any]) -> bytes:
    """The JSON body as Turtle, by reading it as JSON-LD with the context inlined."""
    doc = json.dumps({"@context": CONTEXT, **body})
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.parse(data=doc, format="json-ld")
    return g.serialize(format="turtle").encode()


def json_bytes(body: Any) -> bytes:
    """JSON as the service writes it (UTF-8, compact)."""
    return json.dumps(body, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


def encode(body: dict[str, Any], media_type: str, context_url: str) -> bytes:
    """The answer's bytes in one of the lookup media types (JSON, JSON-LD, Turtle)."""
    if media_type == "text/turtle":
        return as_turtle(body)
    if media_type == "application/ld+json":
        return json_bytes(as_jsonld(body, context_url))
    return json_bytes(body)


def store_generation(store: Store) -> str | None:
    """The store's generation token, or None for a store that does not keep one (nothing is then cached)."""
    generation: Callable[[], str] | None = getattr(store, "generation", None)
    return generation() if generation is not None else None


class AnswerCache:
    """Answers kept under the store generation they were computed at, least recently used dropped first.

    An entry from another generation is never returned; when the generation moves on, the old
    entries are dropped at once. Thread-safe; each worker process keeps its own.
    """

    def __init__(self, max_entries: int = 2048) -> None:
        self.max_entries = max_entries
        self._generation: str | None = None
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, generation: str | None, key: Hashable) -> Any | None:
        if generation is None:
            return None
        with self._lock:
            if generation != self._generation:
                return None
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, generation: str | None, key: Hashable, answer: Any) -> None:
        if generation is None:
            return
        with self._lock:
            if generation != self._generation:
                self._entries.clear()
                self._generation = generation
            self._entries[key] = answer
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
