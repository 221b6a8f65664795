"""Priorities across councils mapped to the national themes: rules first, then fuzzy matching.

Plans word the same aim many ways ("Stay safe", "Safe", "Children are safe from harm"). Each theme of
`cyp:NationalThemeScheme` (ontology/register.ttl) carries the words plans use for it as its
alternative labels; this module proposes, for every priority, the themes whose words it uses:

* **rule**: a theme's label or alternative label occurs in the priority's wording as whole words (a
  match inside a longer match of another theme does not count: "mental health" is mental health,
  not "health"). The relation is `skos:closeMatch` when the theme's words cover the whole wording
  (bar filler such as "children and young people", "ensure", "our"), else `skos:broadMatch`; the
  score is the share of the wording's content words the theme's words cover.
* **fuzzy**: where no rule applies, rapidfuzz's ratio between each word of the wording and each
  one-word theme word of six letters or more that starts with the same four letters ("safeguarded"
  for "safeguard", "succeeding" for "succeed", never "quality" for "equality"), at `FUZZY_THRESHOLD`
  or above; the relation is `skos:broadMatch`, the score the ratio.

The proposals are written to a mapping file (`data/sources/register/theme-mapping.csv`) that an
officer reviews and corrects: a reviewed row is kept as it is when the mapper runs again. The import
(`kg.imports.themes`) turns the file into data. `held_out` says which councils the rules were not
tuned on (a fixed rule on the council's name), so the mapping's precision can be measured on them.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from kg.ontology.vocabulary import Concept, concepts

SCHEME = "NationalThemeScheme"
FUZZY_THRESHOLD = 80
FUZZY_MIN_LETTERS = 6
FUZZY_PREFIX = 4
HELD_OUT_SHARE = 5
"""One council in five is held out: those whose name's SHA-256, as a number, is divisible by five."""

FILLER = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "being",
        "by",
        "can",
        "children",
        "child",
        "for",
        "from",
        "get",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "our",
        "people",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "we",
        "who",
        "will",
        "with",
        "young",
        "all",
        "every",
        "each",
        "more",
        "most",
        "make",
        "ensure",
        "ensuring",
        "improve",
        "improving",
        "promote",
        "promoting",
        "support",
        "supporting",
        "stay",
        "staying",
        "keep",
        "keeping",
        "feel",
        "feeling",
        "do",
        "doing",
        "help",
        "helping",
        "want",
        "well-being",
        "has",
    }
)
"""Words that carry no theme of their own ("Ensuring children and young people are safe" is "safe")."""

COLUMNS = ("priority", "council", "name", "theme", "relation", "method", "score", "reviewed")
RELATIONS = ("closeMatch", "broadMatch")


def held_out(council: str) -> bool:
    """Whether a council is in the held-out part the mapper's words were not tuned on (a fixed rule)."""
    return int(hashlib.sha256(council.encode("utf-8")).hexdigest(), 16) % HELD_OUT_SHARE == 0


def normalise(text: str) -> str:
    """Lower case, '&' as 'and', punctuation as spaces (hyphens and apostrophes kept inside words)."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9'\- ]+", " ", text)
    return " ".join(w.strip("'-") for w in text.split() if w.strip("'-"))


@dataclass(frozen=True)
class Proposal:
    """One proposed (or reviewed) mapping of a priority to a theme, as a row of the mapping file."""

    priority: str
    council: str
    name: str
    theme: str
    relation: str
    method: str
    score: float | None
    reviewed: bool

    def row(self) -> dict[str, str]:
        return {
            "priority": self.priority,
            "council": self.council,
            "name": self.name,
            "theme": self.theme,
            "relation": self.relation,
            "method": self.method,
            "score": "" if self.score is None else f"{self.score:.2f}",
            "reviewed": "yes" if self.reviewed else "no",
        }


@cache
def _phrases() -> tuple[tuple[Concept, str, re.Pattern[str]], ...]:
    found = []
    for theme in concepts(SCHEME):
        for word in {normalise(w) for w in (theme.pref_label, *theme.alt_labels)}:
            if word:
                found.append((theme, word, re.compile(rf"(?<![\w'-]){re.escape(word)}(?![\w'-])")))
    return tuple(found)


def rule_matches(name: str) -> dict[Concept, list[str]]:
    """Each theme whose words occur in the wording as whole words, with the words that matched.

    A match lying inside a longer match ("health" in "mental health") is dropped.
    """
    text = normalise(name)
    spans: list[tuple[int, int, Concept, str]] = []
    for theme, word, pattern in _phrases():
        spans.extend((m.start(), m.end(), theme, word) for m in pattern.finditer(text))
    kept = [
        s
        for s in spans
        if not any(o is not s and o[0] <= s[0] and s[1] <= o[1] and (o[1] - o[0]) > (s[1] - s[0]) for o in spans)
    ]
    found: dict[Concept, list[str]] = {}
    for _, _, theme, word in sorted(kept, key=lambda s: (s[0], -s[1])):
        found.setdefault(theme, []).append(word)
    return found


def _coverage(name: str, words: Iterable[str]) -> float:
    content = [w for w in normalise(re.sub(r"\([^)]*\)", " ", name)).split() if w not in FILLER]
    if not content:
        return 1.0
    covered = {t for w in words for t in w.split()}
    return sum(1 for w in content if w in covered) / len(content)


def propose(priority: str, council: str, name: str) -> list[Proposal]:
    """The mappings the rules (or, failing them, fuzzy matching) propose for one priority; none if nothing fits."""
    matches = rule_matches(name)
    if matches:
        out = []
        for theme, words in sorted(matches.items(), key=lambda kv: kv[0].pref_label):
            score = _coverage(name, words)
            relation = "closeMatch" if score >= 1.0 else "broadMatch"
            out.append(Proposal(priority, council, name, theme.pref_label, relation, "rule", score, False))
        return out
    tokens = normalise(name).split()
    best: dict[Concept, float] = {}
    for theme, word, _ in _phrases():
        if len(word) < FUZZY_MIN_LETTERS or " " in word:
            continue
        for token in tokens:
            if token[:FUZZY_PREFIX] != word[:FUZZY_PREFIX]:
                continue
            ratio = fuzz.ratio(word, token)
            if ratio >= FUZZY_THRESHOLD and ratio > best.get(theme, 0):
                best[theme] = ratio
    return [
        Proposal(priority, council, name, theme.pref_label, "broadMatch", "fuzzy", ratio / 100, False)
        for theme, ratio in sorted(best.items(), key=lambda kv: kv[0].pref_label)
    ]


def proposals(priorities: Iterable[tuple[str, str, str]], reviewed: Iterable[Proposal] = ()) -> list[Proposal]:
    """The mapping file's rows: reviewed rows as they are, fresh proposals for every other priority.

    A priority the mapper cannot place gets one row with no theme, so an officer sees it and can map it.
    """
    kept: dict[str, list[Proposal]] = {}
    for p in reviewed:
        if p.reviewed:
            kept.setdefault(p.priority, []).append(p)
    rows: list[Proposal] = []
    for priority, council, name in priorities:
        if priority in kept:
            rows.extend(kept[priority])
            continue
        found = propose(priority, council, name)
        rows.extend(found or [Proposal(priority, council, name, "", "", "", None, False)])
    return rows


def read_mapping(path: Path) -> list[Proposal]:
    """The mapping file's rows (as written; `kg.imports.themes` checks them)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            Proposal(
                r["priority"],
                r["council"],
                r["name"],
                r["theme"],
                r["relation"],
                r["method"],
                float(r["score"]) if r["score"] else None,
                r["reviewed"] == "yes",
            )
            for r in csv.DictReader(f)
        ]


def write_mapping(rows: Iterable[Proposal], path: Path) -> Path:
    """Write the mapping file, one row per (priority, theme), in the register's priority order."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for p in rows:
            writer.writerow(p.row())
    return path


def update_mapping(folder: Path | None = None, path: Path | None = None) -> tuple[Path, list[Proposal]]:
    """`cypkg register themes`: propose mappings for every priority an officer has not reviewed, keep the rest."""
    from kg.imports.register import SOURCE_DIR, RegisterBuilder, read_register, reference_authorities, reference_store
    from kg.imports.themes import MAPPING_FILE

    folder = folder or SOURCE_DIR
    path = path or folder / MAPPING_FILE
    authorities = reference_authorities(reference_store())
    builder = RegisterBuilder(read_register(folder, authorities), authorities)
    builder.build()
    existing = read_mapping(path) if path.is_file() else []
    rows = proposals(builder.priorities, existing)
    return write_mapping(rows, path), rows
