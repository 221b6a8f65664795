"""Core commands: build and change the store, validate, ask questions, dump and restore."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg import queries as named_queries
from kg.cli import app
from kg.cli.output import to_csv, to_json, to_table
from kg.errors import QueryError
from kg.store.build import build_store, data_sources, ensure_built, memory_store, open_store
from kg.store.protocol import Store
from kg.store.rdf_io import RdfSource

if TYPE_CHECKING:
    from kg.validation.shapes import ValidationReport

out = Console(soft_wrap=True)


class RowFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ReportFormat(StrEnum):
    table = "table"
    ttl = "ttl"
    json = "json"


class DumpFormat(StrEnum):
    nquads = "nquads"
    trig = "trig"


def _emit_rows(rows: list, fmt: RowFormat, title: str = "") -> None:
    columns = getattr(rows, "columns", None)
    if fmt is RowFormat.csv:
        sys.stdout.write(to_csv(rows, columns))
    elif fmt is RowFormat.json:
        sys.stdout.write(to_json(rows, columns) + "\n")
    else:
        out.print(to_table(rows, columns, title=title))
        out.print(f"[dim]{len(rows)} row(s)[/]")


@app.command()
def load(
    files: Annotated[
        list[Path] | None, typer.Argument(help="RDF files to add, each to the named graph of its file name")
    ] = None,
    graph: Annotated[str | None, typer.Option(help="Put the file(s) in this named graph instead")] = None,
) -> None:
    """Build the store from data/ (no FILES), or add FILES to it through the SHACL gate.

    Examples:

    * `cypkg load` rebuilds the whole store from data/ and the ontology, all or nothing.

    * `cypkg load plan.ttl` adds plan.ttl to graph `plan`; refused, and nothing written, if it breaks a shape.
    """
    from kg.validation.gate import load_file

    store = open_store()
    if not files:
        _build_with_progress(store)
        return
    for path in files:
        report = load_file(store, path, graph=graph)
        warnings = sum(1 for r in report.results if r.severity != "Violation")
        out.print(f"added {path} to graph {graph or path.stem}" + (f" ({warnings} warning(s))" if warnings else ""))


def _build_with_progress(store: Store) -> None:
    """Rebuild the store from data/ with a progress bar, then say how much and how fast."""
    sources = data_sources()
    with Progress(
        TextColumn("[bold]loading[/] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("data/", total=len(sources))

        def step(src: RdfSource) -> None:
            progress.update(task, advance=1, description=src.path.name)

        summary = build_store(store, sources, on_file=step)
    out.print(
        f"loaded {summary.triples:,} triples in {summary.graphs} graphs from {summary.files} files "
        f"in {summary.seconds:.1f} s ({summary.triples_per_second:,.0f} triples/s)"
    )


@app.command()
def replace(
    graph: Annotated[str, typer.Argument(help="The named graph to replace, e.g. medway-2019-02-19-hwb")],
    file: Annotated[Path, typer.Argument(help="The RDF file with the graph's new content")],
) -> None:
    """Replace one named graph with a file's content, atomically, through the SHACL gate."""
    from kg.validation.gate import load_file

    load_file(open_store(), file, graph=graph, mode="replace")
    out.print(f"replaced graph {graph} with {file}")


@app.command()
def drop(graph: Annotated[str, typer.Argument(help="The named graph to remove")]) -> None:
    """Remove one named graph (a source document) and what was inferred from it."""
    from kg.validation.gate import drop as drop_graph

    drop_graph(open_store(), graph)
    out.print(f"dropped graph {graph}")


@app.command()
def graphs() -> None:
    """List the named graphs in the store with their sizes."""
    store = open_store(read_only=True)
    rows = [{"graph": g, "triples": store.count(g)} for g in store.graphs()]
    table = to_table([{k: _lit(v) for k, v in r.items()} for r in rows], ["graph", "triples"])
    out.print(table)


def _lit(value: object):  # noqa: ANN202
    from rdflib import Literal, URIRef

    return URIRef(value) if isinstance(value, str) and value.startswith("http") else Literal(value)


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

    from kg.validation.gate import neighbourhood, read_rdf_file
    from kg.validation.shapes import validate as run_validation
    from kg.validation.whole_store import validate_store

    if store:
        _print_report(validate_store(open_store(read_only=True)), format)
    if not files:
        _print_report(validate_store(memory_store()), format)
    context_store = _memory_store_for_validation()
    data = Graph()
    for path in files:
        data += read_rdf_file(path)
    report = run_validation(data + neighbourhood(context_store, data))
    own = set(data.subjects())
    report.results = [r for r in report.results if r.focus_node in own]
    report.conforms = not any(r.severity == "Violation" for r in report.results)
    _print_report(report, format)


@app.command()
def check(
    names: Annotated[
        list[str] | None, typer.Argument(help="Checks to run, e.g. dangling-reference-violation (default: all)")
    ] = None,
    format: Annotated[RowFormat, typer.Option("--format", "-f", help="table, csv or json")] = RowFormat.table,
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
        raise UnknownIdError("check", unknown[0], hint=f"the checks are: {', '.join(all_checks())}")
    store = open_store()
    ensure_built(store)
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
                out.print(report.to_table(severity))
        summary = ", ".join(f"{n} {sev}(s)" for sev, n in counts.items() if n) or "no results"
        verdict = "[red]does not conform[/]" if not report.conforms else "[green]conforms[/]"
        if report.conforms and counts["Warning"]:
            verdict = "[green]conforms[/] (warnings are gaps in the sources, not errors)"
        out.print(f"{verdict}: {summary}")
    raise typer.Exit(0 if report.conforms else 1)


def _memory_store_for_validation() -> Store:
    """Reference context for validating files: data/ without the bulk indicator observations,
    which a single file's neighbourhood never needs."""
    from kg.store.embedded import OxigraphStore

    store = OxigraphStore()
    build_store(store, [s for s in data_sources() if not s.path.name.endswith((".nt.gz", ".nt"))])
    return store


@app.command("queries")
def list_queries() -> None:
    """List the named competency queries and the question each answers."""
    rows = []
    for q in named_queries.all_queries().values():
        params = ", ".join(f"?{p.name}{'' if not p.optional else ' (optional)'}" for p in q.parameters) or "-"
        rows.append((q.name, q.question, params))
    from rich.table import Table

    table = Table("name", "question", "parameters")
    for row in rows:
        table.add_row(*row)
    out.print(table)


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="The query's name (see `cypkg queries`)")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as NAME=VALUE, e.g. plan=medway-cypp-2019-2024"),
    ] = None,
    format: Annotated[RowFormat, typer.Option("--format", "-f", help="table, csv or json")] = RowFormat.table,
) -> None:
    """Run a named query, binding its parameters (never pasted into the query text).

    Example: `cypkg query partners_by_priority --param plan=medway-cypp-2019-2024 --format csv`
    """
    params: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise QueryError(
                f"--param {item!r} is not NAME=VALUE", hint="write e.g. --param plan=medway-cypp-2019-2024"
            )
        params[key.strip()] = value.strip()
    store = open_store()
    ensure_built(store)
    rows = named_queries.run(store, name, params)
    _emit_rows(rows, format, title=named_queries.get(name).question)


@app.command()
def sparql(
    text: Annotated[str, typer.Argument(help="A SPARQL query, or @FILE to read one from a file")],
    format: Annotated[RowFormat, typer.Option("--format", "-f", help="table, csv or json")] = RowFormat.table,
) -> None:
    """Run an ad hoc SPARQL SELECT, ASK or CONSTRUCT over the union of all graphs.

    Prefixes cyp:, id:, org:, prov:, dcterms:, skos:, qb:, foaf:, schema:, rdfs:, xsd: are predeclared.

    Example: `cypkg sparql "SELECT ?plan ?title WHERE { ?plan a cyp:Plan ; dcterms:title ?title }"`
    """
    if text.startswith("@"):
        text = Path(text[1:]).read_text(encoding="utf-8")
    store = open_store()
    ensure_built(store)
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
    """Write every named graph to stdout or a file (N-Quads or TriG): `cypkg dump > all.nq`."""
    store = open_store(read_only=True)
    if output:
        with output.open("wb") as fh:
            store.dump(fh, format.value)
    else:
        store.dump(sys.stdout.buffer, format.value)
        sys.stdout.flush()


@app.command()
def restore(file: Annotated[Path, typer.Argument(help="A dump made by `cypkg dump` (.nq or .trig)")]) -> None:
    """Replace the whole store with a dump, all or nothing."""
    total = open_store().restore(file)
    out.print(f"restored {total:,} quads from {file}")


@app.command()
def docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the page")] = Path(
        "docs/ontology.html"
    ),
) -> None:
    """Generate the ontology's HTML documentation (docs/ontology.html)."""
    from kg.ontology.docs import write_ontology_docs

    out.print(f"wrote {write_ontology_docs(output)}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default 8000)")] = None,
) -> None:
    """Start the web service (SPARQL endpoint, query page, lookups); builds the store on first start."""
    import uvicorn

    from kg.config import get_settings

    settings = get_settings()
    store = open_store()
    if store.count() == 0:
        out.print("first start: building the store from data/")
        _build_with_progress(store)
    if hasattr(store, "close"):
        store.close()
    out.print(f"serving on http://{host or settings.host}:{port or settings.port}/ (Ctrl+C stops)")
    uvicorn.run("api.main:create_app", factory=True, host=host or settings.host, port=port or settings.port)
