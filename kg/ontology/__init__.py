"""The ontology files and the controlled lists (SKOS concept schemes) that code reads from them."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ONTOLOGY_DIR"]

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
"""The ontology and shapes live in the source tree (the project is installed editable)."""
