"""Core commands: build and change the store, validate, ask questions, dump and restore."""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from kg.cli import app
from kg.cli.ids import require_graph, require_id
from kg.cli.output import report_table, to_csv, to_json, to_table
from kg.cli.stores import build_with_progress, describe, reading_store, writing_store
from kg.errors import InputError, QueryError
from kg.store.protocol import Rows, Store

if TYPE_CHECKING:
    from rdflib.term import Node

    from kg.validation.shapes import ValidationReport

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class RowFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FORMAT_HELP = "table (the default on a terminal), csv (the default when piped) or json"


def row_format(chosen: RowFormat | None) -> RowFormat:
    """The asked format, else a table on a terminal and CSV when piped (ids whole, one row a line)."""
    if chosen is not None:
        return chosen
    return RowFormat.table if sys.stdout.isatty() else RowFormat.csv


class ReportFormat(StrEnum):
    table = "table"
    ttl = "ttl"
    json = "json"


class DumpFormat(StrEnum):
    nquads = "nquads"
    trig = "trig"


def _emit_rows(rows: list, fmt: RowFormat | None, title: str = "", ids: tuple[str, ...] = ()) -> None:
    columns = getattr(rows, "columns", None)
    fmt = row_format(fmt)
    if fmt is RowFormat.csv:
        sys.stdout.write(to_csv(rows, columns))
    elif fmt is RowFormat.json:
        sys.stdout.write(to_json(rows, columns) + "\n")
    else:
        out.print(to_table(rows, columns, title=title, width=out.width, ids=ids))
        out.print(f"[dim]{len(rows)} row(s)[/]")


@app.command()
def load(
    files: Annotated[
        list[Path] | None, typer.Argument(help="RDF files to add, each to the named graph of its file name")
    ] = None,
    graph: Annotated[str | None, typer.Option(help="Put the file(s) in this named graph instead")] = None,
    discard_imports: Annotated[
        bool,
        typer.Option(
            "--discard-imports",
            help="Rebuild from data/ only, dropping imported graphs (workbooks, committee-system ranges, "
            "files added with `cypkg load FILE`); by default they are kept",
        ),
    ] = False,
) -> None:
    """Build the store from data/ (no FILES), or add FILES to it through the SHACL gate.

    A rebuild keeps the graphs that did not come from data/ (imported workbooks and committee-system
    ranges, files added with `cypkg load FILE`) and says which; `--discard-imports` drops them
    (make a backup first: `cypkg dump -o backup.nq`). While `cypkg serve` runs, FILES go through its
    writer; a rebuild is refused, naming the service, until it stops.

    Examples:

    * `cypkg load` rebuilds the whole store from data/ and the ontology, all or nothing.

    * `cypkg load plan.ttl` adds plan.ttl to graph `plan`; refused, and nothing written, if it breaks a shape.
    """
    from kg.validation.gate import load_file

    if files and discard_imports:
        raise InputError("--discard-imports goes with a rebuild (`cypkg load` with no files)", hint="leave it out")
    store = writing_store(rebuild=not files)
    if not files:
        keep = [] if discard_imports else _imports(store)
        dropped = _imports(store) if discard_imports else []
        summary = build_with_progress(store, keep=keep)
        out.print(describe(summary))
        if keep:
            out.print(
                f"kept {len(keep)} imported graph(s) not built from data/: {', '.join(keep)} "
                "(`cypkg load --discard-imports` rebuilds without them)"
            )
        if dropped:
            out.print(f"dropped {len(dropped)} imported graph(s): {', '.join(dropped)}")
        return
    for path in files:
        report = load_file(store, path, graph=graph)
        warnings = sum(1 for r in report.results if r.severity != "Violation")
        out.print(f"added {path} to graph {graph or path.stem}" + (f" ({warnings} warning(s))" if warnings else ""))


def _imports(store: Store) -> list[str]:
    """The store's graphs that a rebuild from data/ would not make again."""
    from kg.store.build import data_sources, imported_graphs

    return imported_graphs(store, data_sources())


@app.command()
def replace(
    graph: Annotated[str, typer.Argument(help="The named graph to replace, e.g. medway-2019-02-19-hwb")],
    file: Annotated[Path, typer.Argument(help="The RDF file with the graph's new content")],
) -> None:
    """Replace one named graph with a file's content, atomically, through the SHACL gate.

    The graph must exist (`cypkg graphs` lists them; `cypkg load FILE --graph NAME` adds a new one).
    What it held is gone afterwards: make a backup first with `cypkg dump -o backup.nq`. While
    `cypkg serve` runs, the write goes through its writer.

    Example: `cypkg replace medway-2019-02-19-hwb corrected.ttl`
    """
    from kg.validation.gate import load_file

    store = writing_store()
    require_graph(store, graph)
    load_file(store, file, graph=graph, mode="replace")
    out.print(f"replaced graph {graph} with {file}")


@app.command()
def drop(graph: Annotated[str, typer.Argument(help="The named graph to remove")]) -> None:
    """Remove one named graph (a source document) and what was inferred from it.

    Make a backup first with `cypkg dump -o backup.nq`; `cypkg graphs` lists the graphs. While
    `cypkg serve` runs, the drop goes through its writer.

    Example: `cypkg drop example-cypp-2025-2028-workbook`
    """
    from kg.validation.gate import drop as drop_graph

    store = writing_store()
    require_graph(store, graph)
    drop_graph(store, graph)
    out.print(f"dropped graph {graph}")


@app.command()
def graphs(
    format: Annotated[RowFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
) -> None:
    """List the named graphs in the store with their sizes (triples).

    Example: `cypkg graphs --format csv`
    """
    from rdflib import Literal, URIRef

    store = reading_store()
    rows: list[dict[str, Node]] = [
        {"graph": URIRef(iri), "triples": Literal(n)} for iri, n in graph_sizes(store).items()
    ]
    _emit_rows(Rows(["graph", "triples"], rows), format)


def graph_sizes(store: Store) -> dict[str, int]:
    """Triples per named graph, by IRI; the largest graph is the total less the others, not counted.

    Counting a million-triple graph costs seconds; only graphs under 100,000 triples are counted, and
    when exactly one graph is larger, its size is the store's total less the other graphs.
    """
    import pyoxigraph as ox
    from rdflib import URIRef

    from kg.store.embedded import OxigraphStore

    beyond_cap = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } OFFSET 100000 LIMIT 1"
    counted = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    sizes: dict[str, int] = {}
    big: list[str] = []
    for iri in store.graphs():
        if store.select(beyond_cap, {"g": URIRef(iri)}):
            big.append(iri)
        else:
            sizes[iri] = int(str(store.select(counted, {"g": URIRef(iri)})[0]["n"]))
    if len(big) == 1 and isinstance(store, OxigraphStore):
        default = sum(1 for _ in store.as_oxigraph().quads_for_pattern(None, None, None, ox.DefaultGraph()))
        sizes[big[0]] = store.count() - sum(sizes.values()) - default
    else:
        sizes.update({iri: store.count(iri) for iri in big})
    return {iri: sizes[iri] for iri in sorted(sizes)}


@app.command()
def validate(
    files: Annotated[
        list[Path] | None, typer.Argument(help="RDF files to check (default: everything in data/)")
    ] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="table, ttl or json")] = ReportFormat.table,
    store: Annotated[
        bool, typer.Option("--store", help="Check everything in the built store instead of data/")
    ] = False,
) -> None:
    """Check data against the SHACL shapes; exit 1 on any Violation, 0 when it conforms (warnings only).

    Violations (the graph is wrong) and Warnings (the source leaves something out: an undated meeting,
    a priority with no named owner) are listed apart; warnings alone never fail the check.

    Files are checked together with what they point at in data/ (authorities, legislation), so a plan
    file need not repeat the reference data. With no files, everything in data/ is checked at once,
    the bulk indicator observations included (about 1.2 million triples, under half a minute), with
    the SHACL constraints run as SPARQL on an in-memory store (the same results as plain pyshacl).

    Examples:

    * `cypkg validate` checks data/ and prints a table: severity, shape, focus node, path, value, message.

    * `cypkg validate my-plan.ttl --format json` checks one file and prints the results as JSON.

    * `cypkg validate --store` checks the whole built store at once (all graphs, inferences included).
    """
    from rdflib import Graph

    from kg.store.build import memory_store
    from kg.validation.gate import check_data, read_rdf_file
    from kg.validation.whole_store import validate_store

    if store:
        _print_report(validate_store(reading_store()), format)
    if not files:
        _print_report(validate_store(memory_store()), format)
    context_store = _memory_store_for_validation()
    data = Graph()
    for path in files:
        data += read_rdf_file(path)
    _print_report(check_data(context_store, data), format)


@app.command()
def check(
    names: Annotated[
        list[str] | None, typer.Argument(help="Checks to run, e.g. dangling-reference-violation (default: all)")
    ] = None,
    format: Annotated[RowFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
) -> None:
    """Run the cross-document data checks on the store; exit 1 when any finds a problem.

    SHACL (`cypkg validate`) judges each node on its own; these checks look across documents: an id
    pointed at but described nowhere, a paragraph cited from another report, a plan that replaces
    itself. Each is a SPARQL file in kg/queries/checks/ that must return nothing.

    Examples:

    * `cypkg check` runs every check and prints passed or the offending rows.

    * `cypkg check dangling-reference-violation --format csv` runs one check, rows as CSV.
    """
    from kg.errors import UnknownIdError
    from kg.validation.checks import all_checks, run_checks

    unknown = [n for n in names or [] if n not in all_checks()]
    if unknown:
        raise UnknownIdError("check", unknown[0], known=all_checks(), hint=f"the checks are: {', '.join(all_checks())}")
    store = reading_store()
    results = run_checks(store, names)
    for result in results:
        if result.passed:
            out.print(f"[green]passed[/] {result.check.name}: {result.check.question}")
            continue
        out.print(f"[red]failed[/] {result.check.name}: {result.check.question}\n[dim]why it matters: {result.why}[/]")
        _emit_rows(result.rows, format)
    failed = sum(not r.passed for r in results)
    out.print(f"{len(results) - failed} passed, {failed} failed")
    raise typer.Exit(1 if failed else 0)


def _print_report(report: ValidationReport, format: ReportFormat) -> NoReturn:
    """Print a validation report in the asked format and exit 1 on any Violation, else 0."""
    if format is ReportFormat.json:
        sys.stdout.write(report.to_json() + "\n")
    elif format is ReportFormat.ttl:
        sys.stdout.write(report.to_turtle())
    else:
        counts = report.counts()
        for severity, count in counts.items():
            if count:
                # Violations (wrong) and warnings (gaps in the source) are listed apart, most severe first.
                out.print(f"[bold]{severity}s ({count})[/]")
                out.print(report_table(report, width=out.width, severity=severity))
        summary = ", ".join(f"{n} {sev}(s)" for sev, n in counts.items() if n) or "no results"
        verdict = "[red]does not conform[/]" if not report.conforms else "[green]conforms[/]"
        if report.conforms and counts["Warning"]:
            verdict = "[green]conforms[/] (warnings are gaps in the sources, not errors)"
        out.print(f"{verdict}: {summary}")
    raise typer.Exit(0 if report.conforms else 1)


def _memory_store_for_validation() -> Store:
    """Reference context for validating files: data/ without the bulk indicator observations,
    which a single file's neighbourhood never needs."""
    from kg.store.build import build_store, data_sources
    from kg.store.embedded import OxigraphStore

    store = OxigraphStore()
    build_store(store, [s for s in data_sources() if not s.path.name.endswith((".nt.gz", ".nt"))])
    return store


@app.command("queries")
def list_queries(
    name: Annotated[str | None, typer.Argument(help="One query to show in full (its whole header)")] = None,
    format: Annotated[RowFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
) -> None:
    """List the named competency queries, the question each answers and its parameters; with NAME, show one
    in full: its parameters, example, what it returns, why it is written so and how to read its answer.

    Example: `cypkg queries`, `cypkg queries plan_history`, `cypkg query plan_history --param authority=medway`
    """
    from rdflib import Literal

    from kg import queries as named_queries

    if name is not None:
        named = named_queries.get(name)
        fields = [("question", named.question)]
        fields += [
            ("parameter", f"?{p.name} {p.kind}{' optional' if p.optional else ''} - {p.description}".rstrip(" -"))
            for p in named.parameters
        ]
        fields += [("example", named.example), ("returns", named.returns)]
        fields += [(key, named.extra.get(key, "")) for key in ("why", "note", "examples")]
        shown: list[dict[str, Node]] = [{"field": Literal(k), "value": Literal(v)} for k, v in fields if v]
        _emit_rows(Rows(["field", "value"], shown), format, title=named.name)
        return
    rows: list[dict[str, Node]] = []
    for q in named_queries.all_queries().values():
        params = ", ".join(f"?{p.name}{'' if not p.optional else ' (optional)'}" for p in q.parameters) or "-"
        rows.append({"name": Literal(q.name), "question": Literal(q.question), "parameters": Literal(params)})
    _emit_rows(Rows(["name", "question", "parameters"], rows), format, ids=("name",))


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="The query's name (see `cypkg queries`)")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as NAME=VALUE, e.g. plan=medway-cypp-2019-2024"),
    ] = None,
    format: Annotated[RowFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
) -> None:
    """Run a named query, binding its parameters (never pasted into the query text).

    An id that the store does not describe (a misspelt plan, council or indicator) is an error
    naming the nearest known ids, not an empty answer. Fictional example data is left out unless
    `--param include_examples=true`, or a parameter names a fictional plan or council.

    Example: `cypkg query partners_by_priority --param plan=medway-cypp-2019-2024 --format csv`
    """
    from kg import queries as named_queries

    named = named_queries.get(name)
    params: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise QueryError(
                f"--param {item!r} is not NAME=VALUE", hint="write e.g. --param plan=medway-cypp-2019-2024"
            )
        params[key.strip()] = value.strip()
    named.bind(params)
    store = reading_store()
    kinds = {p.name: p.kind for p in named.parameters}
    for key, value in params.items():
        kind = kinds[key.lstrip("?")]
        if value and kind not in named_queries.LITERAL_KINDS and kind != "iri":
            require_id(store, kind, value)
    rows = store.select(named.text, bindings=named_queries.bind_scoped(store, named, params))
    _emit_rows(rows, format, title=named.question)


_UPDATE = re.compile(r"(?i)^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b")


@app.command()
def sparql(
    text: Annotated[str, typer.Argument(help="A SPARQL query, or @FILE to read one from a file")],
    format: Annotated[RowFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
) -> None:
    """Run an ad hoc SPARQL SELECT, ASK or CONSTRUCT over the union of all graphs (reads only).

    Prefixes cyp:, id:, org:, prov:, dcterms:, skos:, qb:, foaf:, schema:, rdfs:, xsd: are predeclared.
    A prefixed name cannot hold a `/`: write `id:plan\\/medway-cypp-2019-2024` or the full IRI
    `<https://w3id.org/cypkg/id/plan/medway-cypp-2019-2024>`.

    Example: `cypkg sparql "SELECT ?plan ?title WHERE { ?plan a cyp:Plan ; dcterms:title ?title }"`
    """
    if text.startswith("@"):
        text = Path(text[1:]).read_text(encoding="utf-8")
    body = re.sub(r"(?is)#[^\n]*|\b(PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)", "", text)
    update = _UPDATE.match(body)
    if update:
        raise QueryError(
            f"`cypkg sparql` only reads; {update.group(1).upper()} is a SPARQL Update",
            hint="write with `cypkg load FILE` (add a graph), `cypkg replace GRAPH FILE`, `cypkg drop GRAPH`, "
            "or send the update to the running service's /sparql endpoint with CYPKG_API_TOKEN (docs/api.md)",
        )
    from kg import queries as named_queries

    store = reading_store()
    named = named_queries.NamedQuery("adhoc", "", (), "", text, Path("-"))
    if named.form == "ASK":
        out.print("true" if store.ask(text) else "false")
    elif named.form in ("CONSTRUCT", "DESCRIBE"):
        sys.stdout.write(store.construct(text).serialize(format="turtle"))
    else:
        _emit_rows(store.select(text), format)


@app.command()
def dump(
    format: Annotated[DumpFormat, typer.Option("--format", "-f", help="nquads or trig")] = DumpFormat.nquads,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout)")] = None,
) -> None:
    """Write every named graph to stdout or a file (N-Quads or TriG): `cypkg dump > all.nq`.

    The dump ends with a `# cypkg dump complete: sha256=…` line, so `cypkg restore` can tell a
    whole dump from a cut-short one. Works while `cypkg serve` runs.

    Example: `cypkg dump -o backup.nq`, later `cypkg restore backup.nq`
    """
    from kg.store.dumps import write_dump

    store = reading_store()
    if output:
        partial = output.with_name(f".{output.name}.partial")
        with partial.open("wb") as fh:
            write_dump(store, fh, format.value)
        partial.replace(output)
        err.print(f"wrote {output}")
    else:
        write_dump(store, sys.stdout.buffer, format.value)


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="A dump made by `cypkg dump` (.nq or .trig)")],
    unverified: Annotated[
        bool,
        typer.Option(
            "--unverified",
            help="Restore a dump with no `# cypkg dump complete` line (from elsewhere, or an older cypkg); "
            "it must still parse completely",
        ),
    ] = False,
) -> None:
    """Replace the whole store with a dump, all or nothing.

    The file is checked before anything is replaced: it must be N-Quads or TriG, hold quads, and
    end with the completeness line `cypkg dump` writes, matching its content (a truncated or edited
    dump is refused). A file that does not parse is refused too. Everything now in the store is
    replaced: make a backup first with `cypkg dump -o backup.nq`. Refused while `cypkg serve` runs
    (it names the service and how to stop it).

    Example: `cypkg restore backup.nq`
    """
    from kg.store.dumps import check_dump

    checked = check_dump(file, verify=not unverified)
    total = writing_store(rebuild=True).restore(checked.path)
    out.print(f"restored {total:,} quads from {file}")


@app.command()
def docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the page")] = Path(
        "docs/ontology.html"
    ),
) -> None:
    """Generate the ontology's HTML documentation (docs/ontology.html).

    Example: `cypkg docs -o /tmp/ontology.html`
    """
    from kg.ontology.docs import write_ontology_docs

    out.print(f"wrote {write_ontology_docs(output)}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default 8000)")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Service worker processes (default 1)")] = 1,
) -> None:
    """Start the web service (SPARQL endpoint, query page, lookups); builds the store on first start.

    Any number of workers share the store safely: one writer process applies every write through
    the SHACL gate and publishes a snapshot after each; every worker reads the latest snapshot.

    While it runs, reading commands (query, sparql, graphs, dump, view …) work beside it, reading
    the latest snapshot; commands that change one graph (`load FILE`, replace, drop, import) go
    through its writer; a whole rebuild (`load` without files, restore) is refused, naming the
    service and how to stop it. Writes over HTTP need CYPKG_API_TOKEN (docs/api.md).

    Example: `cypkg serve --workers 2 --port 8001`, then open http://127.0.0.1:8001/sparql
    """
    import json
    import os

    import uvicorn

    from kg.cli.stores import is_empty
    from kg.config import get_settings
    from kg.store.sharing import SERVER_ENV, command_line

    settings = get_settings()
    store = writing_store()
    if is_empty(store):
        err.print("first start: building the store from data/")
        err.print(describe(build_with_progress(store)))
    store.close()
    os.environ[SERVER_ENV] = json.dumps({"pid": os.getpid(), "command": command_line()})  # for the writer's lock
    address = f"http://{host or settings.host}:{port or settings.port}/"
    out.print(f"serving on {address} with {workers} worker(s) (Ctrl+C stops)")
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        **settings.uvicorn_options(),  # type: ignore[arg-type]
    )
