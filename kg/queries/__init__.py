"""Named competency queries: `.rq` files with a comment header, loaded by name.

Each file starts with a header like::

    # question: Which partners own which priorities in a plan?
    # parameter: ?plan plan optional - the plan, e.g. medway-cypp-2019-2024
    # example: medway-cypp-2019-2024 → Medway Council owns "Thriving in our community"

A parameter line is ``?name KIND [optional] - description``. KIND is an id kind from
docs/model.md (``plan``, ``authority``, ``indicator`` …: the value is an id or a full IRI),
or one of ``iri``, ``string``, ``integer``, ``decimal``, ``date``, ``year``, ``boolean``
(``true``/``false``, e.g. ``include_examples``, which brings in the fictional example data). Values are
turned into typed RDF terms here and bound by the store, never pasted into the query text.
A parameter left out is left unbound, so the query answers for all. Optional header lines say more:
``# returns:`` (the columns), ``# why:`` (why the query is written as it is) and ``# note:`` (how to read
its answer); `cypkg queries NAME` shows them.

The files in this folder are the analysts' questions, the ones `cypkg queries` and the service list.
Sub-folders hold the queries other code runs by name: ``views/`` (the building blocks of the network
views, `view_queries`), ``lookups/``, ``checks/``, ``workbook/`` and ``reference/``.

Fictional example data (``cyp:fictional true``) stays out of every answer unless the caller asks for
it: ``include_examples`` true, or a parameter bound to a fictional node (naming the example plan is
asking for it). `scope_examples` decides that, once, for the CLI, the API, the lookups and the views.
Every query whose answer can hold fictional data declares ``?include_examples`` and filters on it; one
that does not says why in an ``# examples:`` header line: ``none - …`` (it cannot return fictional
nodes) or ``given - …`` (it describes nodes its caller already chose).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, UnknownIdError
from kg.namespaces import ID, SLUG
from kg.store.binding import bind_rows, query_form
from kg.store.protocol import Store

QUERY_DIR = Path(__file__).resolve().parent
VIEW_DIR = QUERY_DIR / "views"
LITERAL_KINDS = {"string", "integer", "decimal", "date", "year", "boolean"}
_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
_HEADER = re.compile(r"^#\s*(question|parameter|example|examples|returns|why|note):\s*(.*)$")
_PARAM = re.compile(r"^\?(?P<name>[A-Za-z_]\w*)\s+(?P<kind>[a-z-]+)(?P<opt>\s+optional)?\s*(?:-|—)?\s*(?P<doc>.*)$")
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20\x7f-\x9f<>"{}|\\^`]')
_EXAMPLE_VALUE = re.compile(r"\be\.g\.\s+(?P<value>[^\s,;)]+)")
EXAMPLES_PARAMETER = "include_examples"
"""The parameter of every named query and lookup whose answer can hold fictional example data."""


@dataclass(frozen=True)
class Parameter:
    """One input of a named query."""

    name: str
    kind: str
    optional: bool
    description: str

    @property
    def example(self) -> str | None:
        """The example value its description gives as `e.g. VALUE` (what tests bind it to), if any."""
        m = _EXAMPLE_VALUE.search(self.description)
        return m["value"].rstrip(".") if m else None

    def to_term(self, value: str | Node) -> Node:
        """Turn a value given as text (CLI, URL) into the RDF term the query expects."""
        if isinstance(value, Node):
            return value
        text = str(value).strip()
        try:
            if self.kind == "string":
                return Literal(text)
            if self.kind == "integer":
                return Literal(int(text), datatype=XSD.integer)
            if self.kind == "decimal":
                return Literal(Decimal(text), datatype=XSD.decimal)
            if self.kind == "date":
                return Literal(date.fromisoformat(text))
            if self.kind == "boolean":
                return Literal(_BOOLEANS[text.lower()])
            if self.kind == "year":
                if not re.fullmatch(r"\d{4}", text):
                    raise ValueError(text)
                return Literal(text, datatype=XSD.gYear)
        except (ValueError, InvalidOperation, KeyError) as exc:
            raise QueryError(
                f"parameter ?{self.name} expects a {self.kind}, got {text!r}",
                hint=f"give ?{self.name} as a {self.kind}, e.g. {_EXAMPLES.get(self.kind, 'see cypkg queries')}",
            ) from exc
        return to_iri(text, self.kind if self.kind != "iri" else None, name=self.name)


_EXAMPLES = {
    "boolean": "true",
    "integer": "10",
    "decimal": "1.5",
    "date": "2019-02-19",
    "year": "2019",
    "string": "Medway",
}


def _valid_iri(text: str) -> bool:
    """Whether the store accepts this as an IRI (pyoxigraph checks RFC 3987)."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def to_iri(text: str, kind: str | None = None, *, name: str = "value") -> URIRef:
    """An id (slug) of the given kind, or a full http(s) IRI, as a URIRef; refuses anything else."""
    if text.startswith(("http://", "https://")):
        if _BAD_IRI_CHARS.search(text) or not _valid_iri(text):
            raise QueryError(
                f"?{name}: {text!r} is not a valid IRI", hint="IRIs may not contain spaces, quotes or <>{}|^`"
            )
        return URIRef(text)
    if kind and SLUG.match(text):
        return ID[f"{kind}/{text}"]
    raise QueryError(
        f"?{name}: {text!r} is not an id" + (f" of {_article(kind)} {kind}" if kind else " or IRI"),
        hint="ids are lower-case letters, digits and hyphens (e.g. medway-cypp-2019-2024), or give a full IRI",
    )


@dataclass(frozen=True)
class NamedQuery:
    """A competency query read from its `.rq` file."""

    name: str
    question: str
    parameters: tuple[Parameter, ...]
    example: str
    text: str
    path: Path
    returns: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE, read as the stores read it (kg.store.binding.query_form)."""
        return query_form(self.text)

    def bind(self, params: Mapping[str, str | Node | None] | None) -> dict[str, Node]:
        """Check the given values against the header and type them; unknown names are refused. A value left
        out, None or "" leaves its parameter unbound, so callers pass optional values as they have them."""
        given = {k.lstrip("?"): v for k, v in (params or {}).items() if v is not None and v != ""}
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join('?' + u for u in unknown)}",
                name=self.name,
                hint=f"its parameters are: {', '.join('?' + p for p in known) or 'none'}",
            )
        missing = [p.name for p in self.parameters if not p.optional and p.name not in given]
        if missing:
            raise QueryError(
                f"query {self.name!r} needs {', '.join('?' + m for m in missing)}",
                name=self.name,
                hint="pass it as --param NAME=VALUE (CLI) or ?NAME=VALUE (HTTP)",
            )
        return {n: known[n].to_term(v) for n, v in given.items()}


def parse_query_file(path: Path) -> NamedQuery:
    """Read one `.rq` file and its header; a file without a question is an error."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if m:
            fields.setdefault(m.group(1), []).append(m.group(2).strip())
    if not fields.get("question"):
        raise QueryError(f"{path}: no '# question:' header", name=path.stem, hint="start the file with '# question: …'")
    params = []
    for spec in fields.get("parameter", []):
        if spec.lower() in ("none", "-"):
            continue
        m = _PARAM.match(spec)
        if not m:
            raise QueryError(
                f"{path}: bad parameter line {spec!r}",
                name=path.stem,
                hint="write '# parameter: ?name kind [optional] - description'",
            )
        params.append(Parameter(m["name"], m["kind"], bool(m["opt"]), m["doc"].strip()))
    return NamedQuery(
        name=path.stem,
        question=" ".join(fields["question"]),
        parameters=tuple(params),
        example=" ".join(fields.get("example", [])),
        returns=" ".join(fields.get("returns", [])),
        extra={key: " ".join(fields[key]) for key in ("why", "examples", "note") if fields.get(key)},
        text=text,
        path=path,
    )


@cache
def all_queries() -> dict[str, NamedQuery]:
    """The analysts' named queries (the files of kg/queries itself, no sub-folder), by name."""
    return {p.stem: parse_query_file(p) for p in sorted(QUERY_DIR.glob("*.rq"))}


@cache
def view_queries() -> dict[str, NamedQuery]:
    """The views' building blocks (kg/queries/views), by name: run by kg.analysis, not listed for analysts."""
    return {p.stem: parse_query_file(p) for p in sorted(VIEW_DIR.glob("*.rq"))}


def get_view(name: str) -> NamedQuery:
    """One of the views' queries by name, or UnknownIdError naming close ones."""
    found = view_queries().get(name)
    if found is None:
        raise UnknownIdError("view query", name, known=view_queries())
    return found


def get(name: str) -> NamedQuery:
    """A named query by name, or an error listing close names."""
    queries = all_queries()
    if name not in queries:
        if name in view_queries():
            raise UnknownIdError(
                "query",
                name,
                hint=f"{name} is a building block of the views (kg/queries/views), not an analysts' question; "
                "`cypkg queries` lists those, `cypkg view` draws the views",
            )
        error = UnknownIdError("query", name, known=queries)
        if not error.suggestions:
            error.hint = "`cypkg queries` lists them"
        raise error
    return queries[name]


@cache
def reference_queries() -> dict[str, NamedQuery]:
    """Plain SPARQL references (kg/queries/reference) of named queries that read derived data, by name.

    A named query that reads what kg.store derives at load time (the indicator series) keeps here
    the query it replaced, which reads asserted data only; tests check that both give the same rows.
    """
    return {p.stem: parse_query_file(p) for p in sorted((QUERY_DIR / "reference").glob("*.rq"))}


def get_reference(name: str) -> NamedQuery:
    """The plain SPARQL reference of a named query, or UnknownIdError."""
    found = reference_queries().get(name)
    if found is None:
        raise UnknownIdError("reference query", name, hint=f"the references are: {', '.join(reference_queries())}")
    return found


def names_fictional(store: Store, values: Iterable[Node]) -> bool:
    """Whether any of these values is an IRI the store flags `cyp:fictional true` (one ASK, values bound)."""
    iris = [v for v in values if isinstance(v, URIRef)]
    if not iris:
        return False
    return store.ask(bind_rows(_names_fictional().text, "node", iris))


@cache
def _names_fictional() -> NamedQuery:
    return parse_query_file(QUERY_DIR / "examples" / "names_fictional.rq")


def scope_examples(store: Store, query: NamedQuery, bindings: Mapping[str, Node]) -> dict[str, Node]:
    """The bindings, with `?include_examples` true when the caller named a fictional node.

    The one place that decides whether fictional example data comes into an answer: it does when
    `include_examples` is true, or when a parameter is bound to a fictional plan, council or other
    node (naming it is asking for it). A query without the parameter is left as it is.
    """
    out = dict(bindings)
    if all(p.name != EXAMPLES_PARAMETER for p in query.parameters):
        return out
    asked = out.get(EXAMPLES_PARAMETER)
    if isinstance(asked, Literal) and asked.toPython() is True:
        return out
    if names_fictional(store, (v for k, v in out.items() if k != EXAMPLES_PARAMETER)):
        out[EXAMPLES_PARAMETER] = Literal(True)
    return out


def asked_for_examples(include_examples: bool) -> dict[str, str | None]:
    """The `include_examples` parameter as a caller's flag gives it: true when asked for, else left unbound."""
    return {EXAMPLES_PARAMETER: "true" if include_examples else None}


def bind_scoped(store: Store, query: NamedQuery, params: Mapping[str, str | Node | None] | None) -> dict[str, Node]:
    """`NamedQuery.bind`, then `scope_examples`: the bindings every runner of a named query or lookup uses."""
    return scope_examples(store, query, query.bind(params))


def run(store: Store, name: str, params: Mapping[str, str | Node | None] | None = None) -> list[dict[str, Node]]:
    """Run a named SELECT query on a store with bound parameters; rows as dicts of RDF terms.

    Fictional example data comes in only when asked for (`scope_examples`).
    """
    return run_query(store, get(name), params)


def run_query(
    store: Store, query: NamedQuery, params: Mapping[str, str | Node | None] | None = None
) -> list[dict[str, Node]]:
    """Run a SELECT query of any folder (a named query, a view's) with its parameters typed, bound and scoped."""
    return store.select(query.text, bindings=bind_scoped(store, query, params))
