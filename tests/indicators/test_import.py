"""Importing the DfE tables: values as published, statuses kept, bad tables refused with a location."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from rdflib.namespace import XSD

from kg.imports.indicators import (
    LAIT_DATA,
    LAIT_DICTIONARY,
    OUT,
    SOURCES,
    IndicatorInputError,
    area_index,
    build,
    parse_value,
    read_dictionary,
    read_lait,
)
from kg.namespaces import ID


@pytest.fixture(scope="module")
def observations():
    return read_lait(SOURCES / LAIT_DATA, read_dictionary(SOURCES / LAIT_DICTIONARY), area_index())


def _one(observations, measure: str, area_slug: str, period: str):
    return next(o for o in observations if (o.measure, o.area_slug, o.period) == (measure, area_slug, period))


def test_committed_indicator_files_equal_a_fresh_import() -> None:
    for name, data in build().items():
        committed = (OUT / name).read_bytes()
        if name.endswith(".gz"):
            assert gzip.decompress(committed) == gzip.decompress(data), (
                f"run `python -m kg.imports.indicators` ({name})"
            )
        else:
            assert committed == data, f"run `python -m kg.imports.indicators` ({name})"


@pytest.mark.parametrize(
    "area,value",
    [
        pytest.param("england", "67", id="england"),
        pytest.param("blackpool", "184", id="blackpool"),
        pytest.param("trafford", "62", id="trafford"),
        pytest.param("medway", "72", id="medway"),
    ],
)
def test_looked_after_rate_2025_matches_the_table(observations, area: str, value: str) -> None:
    assert _one(observations, "LAC", area, "2025").value == value


@pytest.mark.parametrize(
    "area,value",
    [
        pytest.param("england", "67", id="england"),
        pytest.param("blackpool", "184", id="blackpool"),
        pytest.param("medway", "72", id="medway"),
        pytest.param("barking-and-dagenham", "3.3692481695339005", id="many-digits"),
    ],
)
def test_imported_value_reads_back_from_the_store_as_published(
    indicator_store, area: str, value: str, request: pytest.FixtureRequest
) -> None:
    """The figure comes back from either backend as the same xsd:decimal text, not re-typed or rounded.

    Virtuoso keeps at most 15 digits after the point (3.3692481695339005 reads back as
    3.369248169533901; 934 of the 97,655 imported values have more): a known failure there until
    the importer writes no more digits than that.
    """
    if area == "barking-and-dagenham" and request.node.callspec.params.get("indicator_store") == "virtuoso":
        request.applymarker(pytest.mark.xfail(strict=True, reason="Virtuoso rounds decimals to 15 fractional digits"))
    measure = "lac-" + area + "-2025" if area != "barking-and-dagenham" else "16-17-neet-barking-and-dagenham-2018"
    rows = indicator_store.select(
        "SELECT ?v WHERE { ?o <https://w3id.org/cypkg/def#value> ?v }", {"o": ID[f"observation/lait-{measure}"]}
    )
    assert [(str(r["v"]), r["v"].datatype) for r in rows] == [(value, XSD.decimal)]


def test_not_available_value_is_kept_as_status_not_zero(observations) -> None:
    obs = _one(observations, "6wksBreast", "medway", "2016")
    assert obs.value is None
    assert obs.status == "-"


def test_float_artefacts_are_removed_without_changing_the_figure() -> None:
    assert parse_value("10.199999999999999") == ("10.2", None)
    assert parse_value("-7.0000000000000007E-2") == ("-0.07", None)


@pytest.mark.parametrize("symbol", ["c", "x", "z", "u", "k", "-"])
def test_known_status_symbols_parse_as_status(symbol: str) -> None:
    assert parse_value(symbol) == (None, symbol)


def test_pre_merger_authority_keeps_its_own_series(observations) -> None:
    obs = _one(observations, "LAC", "northamptonshire", "2016")
    assert obs.area.endswith("/authority/northamptonshire")
    assert obs.value is not None


def _copy_sources(tmp_path: Path) -> Path:
    dst = tmp_path / "sources"
    shutil.copytree(SOURCES, dst)
    return dst


def _edit_data(src: Path, line_no: int, old: str, new: str) -> None:
    path = src / LAIT_DATA
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    assert old in lines[line_no - 1]
    lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def test_renamed_column_is_refused_naming_file_row_and_column(tmp_path: Path) -> None:
    src = _copy_sources(tmp_path)
    _edit_data(src, 1, "LA Number", "LA Code")
    with pytest.raises(IndicatorInputError) as err:
        build(src)
    assert (err.value.file, err.value.row, err.value.column_name) == (LAIT_DATA, 1, "LA Number")


def test_unknown_la_code_is_refused(tmp_path: Path) -> None:
    src = _copy_sources(tmp_path)
    _edit_data(src, 2, ",301,", ",399,")
    with pytest.raises(IndicatorInputError) as err:
        build(src)
    assert (err.value.row, err.value.column_name) == (2, "LA Number")


def test_value_neither_number_nor_status_is_refused(tmp_path: Path) -> None:
    src = _copy_sources(tmp_path)
    _edit_data(src, 2, ",27.9,", ",n/a,")
    with pytest.raises(IndicatorInputError) as err:
        build(src)
    assert (err.value.row, err.value.column_name) == (2, "Values")


def test_duplicate_observation_is_refused(tmp_path: Path) -> None:
    src = _copy_sources(tmp_path)
    path = src / LAIT_DATA
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path.write_text("".join(lines[:3] + [lines[1]] + lines[3:]), encoding="utf-8")
    with pytest.raises(IndicatorInputError) as err:
        build(src)
    assert (err.value.row, err.value.column_name) == (4, "Short Desc")


def test_refused_import_writes_nothing(tmp_path: Path) -> None:
    from kg.imports.indicators import import_indicators

    src = _copy_sources(tmp_path)
    _edit_data(src, 2, ",27.9,", ",n/a,")
    out = tmp_path / "out"
    with pytest.raises(IndicatorInputError):
        import_indicators(out, src)
    assert not out.exists() or not any(out.iterdir())
