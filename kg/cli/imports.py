"""Getting data in without Turtle: the plan workbook, the committee system, and drafts from reports."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from kg.cli import app
from kg.cli.output import problems_table, report_table
from kg.errors import InputError
from kg.store.protocol import Store

if TYPE_CHECKING:
    from kg.imports.extract import Draft

out = Console(soft_wrap=True)
err = Console(stderr=True)


@app.command()
def template(
    path: Annotated[Path, typer.Argument(help="Where to write the workbook, e.g. plan.xlsx")] = Path("plan.xlsx"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists (it may be filled in)")] = False,
) -> None:
    """Write a plan workbook to fill in: one sheet per kind, drop-downs, and a worked example row on each.

    An existing file is never overwritten unless `--force` is given: it may be a workbook someone filled in.

    Example: `cypkg template plan.xlsx`, then `cypkg import plan.xlsx --dry-run` checks it and
    `cypkg import plan.xlsx` loads it.
    """
    from kg.imports.workbook import write_template

    _refuse_overwrite(path, force)

    out.print(f"wrote {write_template(path)}: fill in each sheet (row 2 is an example), then `cypkg import {path}`")


def _refuse_overwrite(path: Path, force: bool) -> None:
    """A workbook already at `path` may have been filled in: refuse to replace it without --force."""
    if path.exists() and not force:
        raise InputError(
            f"{path} already exists (it may be a workbook someone has filled in); nothing was written",
            file=str(path),
            hint=f"write somewhere else, e.g. new-{path.name}, or add --force to overwrite it",
        )


def _parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise InputError(f"{option} {value!r} is not a date", hint=f"write {option} as yyyy-mm-dd, e.g. 2026-01-31")


@app.command("import")
def import_data(
    source: Annotated[
        str,
        typer.Argument(help="A workbook (plan.xlsx), a folder of CSV files, or the word `moderngov` or `register`"),
    ],
    folder: Annotated[
        Path | None, typer.Argument(help="register: the plans register's folder (plans.csv, priorities.csv, ...)")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check everything, write nothing")] = False,
    base: Annotated[str | None, typer.Option(help="moderngov: the site, e.g. https://democracy.medway.gov.uk")] = None,
    saved: Annotated[
        Path | None,
        typer.Option(help="moderngov: read answers saved from --base in this folder, not the network"),
    ] = None,
    committee: Annotated[str | None, typer.Option(help="moderngov: one committee's id (default: all)")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="moderngov: first day, yyyy-mm-dd")] = None,
    to: Annotated[str | None, typer.Option("--to", help="moderngov: last day, yyyy-mm-dd (default: today)")] = None,
    authority: Annotated[
        str | None, typer.Option(help="moderngov: the council's id (default: from the site's address)")
    ] = None,
    decisions_about: Annotated[
        str | None,
        typer.Option(help="moderngov: also import the range's published decisions, as decisions about this plan id"),
    ] = None,
    min_interval: Annotated[float, typer.Option(help="moderngov: seconds between requests (be polite)")] = 1.0,
    timeout: Annotated[float, typer.Option(help="moderngov: seconds to wait for each answer")] = 20.0,
    date_read: Annotated[
        str | None,
        typer.Option(help="register: the day its pages were read, yyyy-mm-dd (default: the date its SOURCES.md gives)"),
    ] = None,
) -> None:
    """Import a plan workbook or CSV folder, or a committee system's meetings, through the SHACL gate.

    Each import is its own named graph; importing the same workbook or range again replaces it.
    `cypkg load` (a rebuild from data/) keeps imported graphs. While `cypkg serve` runs, the import
    goes through its writer.

    Examples:

    * `cypkg import plan.xlsx --dry-run` lists every problem (sheet, row, column, value, how to fix).

    * `cypkg import moderngov --base https://democracy.medway.gov.uk --committee 130 --from 2019-01-01 --to 2019-12-31`

    * `cypkg import moderngov --base https://democracy.manchester.gov.uk --saved data/sources/moderngov/manchester
      --committee 144 --from 2026-01-01 --to 2026-03-31` reads a saved copy (GetCommittees.xml,
      GetMeetings-144.xml, GetMeeting-4967.xml, …) instead of the network.

    * `cypkg import register data/sources/register` makes the store's plans register that folder's: one graph
      per source page, checked row by row and then by the gate, all or nothing; importing it again changes nothing.
    """
    from kg.cli.stores import reading_store

    if source == "register":
        _import_register(folder, dry_run, _parse_day(date_read, "--date-read"))
        return
    if folder is not None:
        raise InputError(
            f"`cypkg import {source}` takes no second argument", hint="only `cypkg import register DIR` does"
        )
    if source == "moderngov":
        site = _site_address(base, saved)
        fetcher = _moderngov_fetcher(site, saved, min_interval, timeout)
        _import_moderngov(site, fetcher, committee, from_, to, authority, decisions_about, dry_run)
        return
    from kg.imports.extract.review import is_review_workbook

    if Path(source).suffix.lower() == ".xlsx" and is_review_workbook(Path(source)):
        _import_review(Path(source), dry_run)
        return
    from kg.imports.workbook import WorkbookInvalid, import_plan, read_tables

    tables = read_tables(Path(source))  # a file that cannot be read fails before the store is opened
    store = reading_store() if dry_run else _writable()
    try:
        result = import_plan(store, Path(source), dry_run=dry_run, tables=tables)
    except WorkbookInvalid as exc:
        err.print(problems_table(exc.problems))
        raise
    warnings = [p for p in result.conversion.problems if p.severity != "Violation"]
    if warnings:
        out.print(problems_table(warnings))
    shacl_warnings = [r for r in result.report.results if r.severity != "Violation"]
    if shacl_warnings:
        out.print(report_table(result.report, width=out.width))
    name = result.conversion.graph_name
    triples = len(result.conversion.graph)
    verb = "would write" if dry_run else "wrote"
    out.print(f"{verb} {triples} triples to graph {name}" + (" (dry run: nothing written)" if dry_run else ""))


def _import_register(folder: Path | None, dry_run: bool, date_read: date | None) -> None:
    """The national plans register: its rows checked, then its graphs through the gate, all or nothing."""
    from kg.cli.output import problems_table
    from kg.imports.register import import_register
    from kg.imports.workbook import WorkbookInvalid
    from kg.store.build import ensure_built, open_store

    if folder is None:
        raise InputError(
            "`cypkg import register` needs the register's folder",
            hint="e.g. `cypkg import register data/sources/register`",
        )
    store = open_store()
    ensure_built(store)
    try:
        result = import_register(store, folder, dry_run=dry_run, date_read=date_read)
    except WorkbookInvalid as exc:
        err.print(problems_table(exc.problems))
        raise
    if result.report is not None and result.report.results:
        counts = Counter(
            str(r.source_shape).rsplit("#", 1)[-1] for r in result.report.results if r.severity != "Violation"
        )
        table = Table("warning (shape)", "count", title="what the register does not say (SHACL warnings)")
        for shape, n in sorted(counts.items()):
            table.add_row(shape, str(n))
        out.print(table)
    verb = "would write" if dry_run else "wrote"
    out.print(
        f"{verb} {len(result.changed)} of {len(result.graphs)} register graph(s)"
        + (f", dropped {len(result.dropped)}" if result.dropped else "")
        + f"; {len(result.unchanged)} unchanged"
        + (" (dry run: nothing written)" if dry_run else "")
    )


def _import_review(path: Path, dry_run: bool) -> None:
    """A reviewed extraction workbook: what the officer accepted or corrected, as the report's graph."""
    from kg.cli.stores import reading_store
    from kg.imports.extract.review import import_review

    store = reading_store() if dry_run else _writable()
    name, graph, report = import_review(store, path, dry_run=dry_run)
    if report.results:
        out.print(report_table(report, width=out.width))
    verb = "would write" if dry_run else "wrote"
    out.print(f"{verb} {len(graph)} triples to graph {name}" + (" (dry run: nothing written)" if dry_run else ""))


def _writable() -> Store:
    """The store for an import that writes, built from data/ first when there is none yet."""
    from kg.cli.stores import reading_store, writing_store

    reading_store().close()  # builds a missing store, with progress
    return writing_store()


def _site_address(base: str | None, saved: Path | None) -> str:
    """The committee system's address from --base, which every moderngov import needs."""
    if not base:
        hint = "e.g. --base https://democracy.medway.gov.uk"
        if saved is not None:
            hint = f"give the address {saved} was saved from, {hint}: it names the council and the sources"
        raise InputError("`cypkg import moderngov` needs --base", hint=hint)
    return base


def _moderngov_fetcher(base: str, saved: Path | None, min_interval: float, timeout: float) -> Callable:
    """The network, or a saved copy of the site; checked before the store is opened."""
    from kg.imports.moderngov import SAVED_LAYOUT, SavedSite, http_fetcher

    if not base.startswith(("http://", "https://")) and (Path(base).exists() or base.startswith("file:")):
        raise InputError(
            f"--base {base} is a folder, not the site's address",
            hint=f"read a saved copy with --saved {base.removeprefix('file://')} and give --base the address "
            f"it was saved from, e.g. https://democracy.manchester.gov.uk (the folder holds {SAVED_LAYOUT})",
        )
    if saved is not None:
        return SavedSite(saved)
    return http_fetcher(timeout=timeout, min_interval=min_interval)


def _import_moderngov(
    base: str,
    fetcher: Callable,
    committee: str | None,
    from_: str | None,
    to: str | None,
    authority: str | None,
    decisions_about: str | None,
    dry_run: bool,
) -> None:
    from kg.cli.stores import reading_store
    from kg.imports.moderngov import ModerngovClient, import_range, write_range
    from kg.namespaces import ID
    from kg.validation.gate import check_write

    start = _parse_day(from_, "--from")
    end = _parse_day(to, "--to") or date.today()
    if start is None:
        raise InputError("`cypkg import moderngov` needs --from", hint="e.g. --from 2019-01-01 --to 2019-12-31")
    client = ModerngovClient(base, fetcher=fetcher)
    store = reading_store() if dry_run else _writable()
    auth = authority
    linked = False
    if auth is not None:
        linked = store.ask("ASK { ?a a cyp:LocalAuthority }", {"a": ID[f"authority/{auth}"]})
    plan = ID[f"plan/{decisions_about}"] if decisions_about else None
    result = import_range(
        client, start=start, end=end, committee=committee, authority=auth, link_authority=linked, decisions_about=plan
    )
    summary = (
        f"{result.committees} committee(s), {result.meetings} meeting(s), {result.items} agenda item(s), "
        f"{result.decisions} decision(s) from {len(result.sources)} request(s)"
    )
    if dry_run:
        report = check_write(store, result.graph_name, result.graph, mode="replace")
        if report.results:
            out.print(report_table(report, width=out.width))
        state = "conforms" if report.conforms else "would be refused"
        out.print(f"dry run: {summary}; graph {result.graph_name} {state}; nothing written")
        return
    write_range(store, result)
    out.print(f"wrote graph {result.graph_name}: {summary}")


@app.command()
def export(
    plan: Annotated[str, typer.Argument(help="The plan's id, e.g. medway-cypp-2019-2024")],
    path: Annotated[Path, typer.Argument(help="The workbook to write, e.g. plan.xlsx")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists (it may be filled in)")] = False,
) -> None:
    """Write a plan from the store as a workbook that `cypkg import` reads back to the same graph.

    Example: `cypkg export medway-cypp-2019-2024 medway.xlsx`
    """
    from kg.cli.ids import require_id
    from kg.cli.stores import reading_store
    from kg.imports.workbook import export_plan

    _refuse_overwrite(path, force)
    store = reading_store()
    require_id(store, "plan", plan)
    out.print(f"wrote {export_plan(store, plan, path)}")


def _review_table(draft: Draft) -> Table:
    """The proposals as a terminal table."""
    from kg.imports.extract.review import format_value

    table = Table("kind", "value", "paragraph", "confidence", title=f"draft from {draft.report}: review before use")
    for p in draft.proposals:
        table.add_row(p.kind, format_value(p.kind, p.value)[:90], p.paragraph[:24], f"{p.confidence:.2f}")
    return table


@app.command()
def extract(
    report: Annotated[Path, typer.Argument(help="A committee report or page: .txt, .md, .pdf, .html or .docx")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write the Turtle draft")] = None,
    review: Annotated[
        Path | None, typer.Option(help="Write the officer's review workbook here (.xlsx), one row per proposal")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the review workbook if it exists (it may be marked up)")
    ] = False,
) -> None:
    """Propose a draft graph from a committee report, for an officer to review.

    Each proposal has its evidence sentence, the paragraph the report prints and a confidence;
    nothing is loaded. A review workbook already there is not overwritten without `--force`.

    Example: `cypkg extract report.pdf --review review.xlsx`, mark each row accept, correct or
    reject, then `cypkg import review.xlsx` loads what was accepted through the gate.
    """
    from kg.imports.extract import extract_file
    from kg.imports.extract.dates import warm
    from kg.imports.sentences import start_loading

    if review is not None:
        _refuse_overwrite(review, force)
    start_loading()  # spaCy loads in a helper process while dateparser's tables are built and the report read
    warm()
    draft = extract_file(report)
    out.print(_review_table(draft))
    if output is not None:
        draft.write(output)
        out.print(f"wrote the draft to {output}: review it before loading (it is never merged automatically)")
    elif review is None:
        sys.stdout.write(draft.graph().serialize(format="turtle"))
    if review is not None:
        from kg.imports.extract.review import write_review

        write_review(draft, review)
        out.print(
            f"wrote the review workbook to {review}: mark each row accept, correct or reject, then "
            f"`cypkg import {review}`"
        )
