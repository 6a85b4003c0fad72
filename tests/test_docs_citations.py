"""Every ``docs/<page>.md §N`` citation in the project resolves to a numbered heading.

A clone of the project has only its own ``docs/``, so code, tests and docs cite rules as
``docs/walking.md §3.4`` and this test fails when the page or the numbered section is missing,
or when a citation names a page without ``docs/`` (the form that used to point outside the
project). The engine package is being restructured on another branch: there, and only there,
the older form (the page name without ``docs/``) is still accepted, but it must resolve
against the project's own page of that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("treadmill_tui", "tests", "benchmarks", "scripts", "docs", "README.md")
SKIPPED_SUFFIXES = frozenset({".svg", ".json", ".wav", ".pyc", ".png"})
#: Where the pre-``docs/`` form is tolerated until the engine restructure lands.
LEGACY_FORM_ALLOWED = ("treadmill_tui/session/", "tests/session/")

SECTION_SIGN = "\u00a7"
_NUMBER = r"\d+(?:\.\d+)*"
_CITATION = re.compile(
    rf"`*(?P<prefix>docs/)?(?P<page>[A-Za-z0-9_-]+\.md)`*\s*{SECTION_SIGN}\s*(?P<first>{_NUMBER})"
    rf"(?P<more>(?:\s*,\s*{SECTION_SIGN}\s*{_NUMBER})*)"
)
_MORE_NUMBER = re.compile(rf"{SECTION_SIGN}\s*({_NUMBER})")
_BARE_SECTION = re.compile(rf"{SECTION_SIGN}\s*({_NUMBER})")
_HEADING = re.compile(rf"^#{{1,6}}\s+({_NUMBER})\.?\s", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited section: ``page`` is the file name, ``prefixed`` says it was ``docs/page``."""

    page: str
    prefixed: bool
    section: str
    line: int


def citations_in(text: str) -> list[Citation]:
    """Every ``page.md §N`` (and ``, §M`` continuations) in ``text``, in order."""
    found: list[Citation] = []
    for match in _CITATION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        sections = [match["first"], *_MORE_NUMBER.findall(match["more"])]
        found += [Citation(match["page"], bool(match["prefix"]), s, line) for s in sections]
    return found


def bare_sections_in(text: str) -> list[tuple[str, int]]:
    """``§N`` not attached to a page name: in a docs page these point into the page itself."""
    covered = [range(m.start(), m.end()) for m in _CITATION.finditer(text)]
    found: list[tuple[str, int]] = []
    for match in _BARE_SECTION.finditer(text):
        position = match.start(1)
        if not any(position in span for span in covered):
            found.append((match[1], text.count("\n", 0, position) + 1))
    return found


def sections_of(markdown: str) -> set[str]:
    """The numbers of a page's numbered headings (``## 3. Pain`` -> ``3``, ``### 3.4 x``)."""
    return set(_HEADING.findall(markdown))


def scanned_files(root: Path) -> list[Path]:
    """The text files whose citations must resolve."""
    files: list[Path] = []
    for name in SCANNED:
        top = root / name
        candidates = [top] if top.is_file() else sorted(top.rglob("*"))
        files += [
            path
            for path in candidates
            if path.is_file()
            and path.suffix not in SKIPPED_SUFFIXES
            and "__pycache__" not in path.parts
        ]
    return files


def citation_problems(root: Path) -> list[str]:
    """One line per citation under ``root`` that does not resolve in ``root/docs``."""
    docs = root / "docs"
    pages: dict[str, set[str] | None] = {}

    def sections(page: str) -> set[str] | None:
        if page not in pages:
            path = docs / page
            pages[page] = sections_of(path.read_text(encoding="utf-8")) if path.is_file() else None
        return pages[page]

    problems: list[str] = []
    for path in scanned_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        where = path.relative_to(root).as_posix()
        for cite in citations_in(text):
            cited = f"{'docs/' if cite.prefixed else ''}{cite.page} {SECTION_SIGN}{cite.section}"
            if not cite.prefixed and not where.startswith(LEGACY_FORM_ALLOWED):
                problems.append(f"{where}:{cite.line}: {cited}: cite it as docs/{cite.page}")
                continue
            known = sections(cite.page)
            if known is None:
                problems.append(f"{where}:{cite.line}: {cited}: docs/{cite.page} does not exist")
            elif cite.section not in known:
                problems.append(
                    f"{where}:{cite.line}: {cited}: no section {cite.section} in docs/{cite.page}"
                )
        if where.startswith("docs/") and path.suffix == ".md":
            own = sections_of(text)
            for section, line in bare_sections_in(text):
                if section not in own:
                    problems.append(
                        f"{where}:{line}: {SECTION_SIGN}{section}: no such section in this page"
                    )
    return problems


def test_every_citation_in_the_project_resolves() -> None:
    assert citation_problems(ROOT) == []


def test_the_rule_pages_exist_with_their_numbered_sections() -> None:
    walking = sections_of((ROOT / "docs" / "walking.md").read_text(encoding="utf-8"))
    ftms = sections_of((ROOT / "docs" / "ftms.md").read_text(encoding="utf-8"))
    assert {"1", "2.4", "3.3", "3.4", "3.5", "3.6", "4.1", "4.2", "5", "6"} <= walking
    assert {"4", "5", "9", "10", "10.4", "10.9", "11", "12", "13"} <= ftms


# --- the checker itself, on a synthetic project -------------------------------------------

S = SECTION_SIGN


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "walking.md").write_text(
        f"# Walking\n\n## 3. Pain checks\n\n### 3.4 After the walk\n\nSee {S}3.\n",
        encoding="utf-8",
    )
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_resolving_citation_is_accepted(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {"treadmill_tui/ui/a.py": f"# (docs/walking.md {S}3.4, {S}3; `docs/walking.md` {S}3)\n"},
    )
    assert citation_problems(root) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"# docs/walking.md {S}3.9\n", "no section 3.9 in docs/walking.md"),
        (f"# docs/walking.md {S}3.4, {S}7\n", "no section 7 in docs/walking.md"),
        (f"# docs/nowhere.md {S}1\n", "docs/nowhere.md does not exist"),
        (f"# walking.md {S}3.4\n", "cite it as docs/walking.md"),
        (f"# (``ftms.md`` {S}10)\n", "cite it as docs/ftms.md"),
    ],
)
def test_a_broken_or_outside_citation_is_reported(tmp_path: Path, text: str, expected: str) -> None:
    root = _project(tmp_path, {"treadmill_tui/ui/a.py": text})
    problems = citation_problems(root)
    assert len(problems) == 1
    assert problems[0].startswith("treadmill_tui/ui/a.py:1: ")
    assert problems[0].endswith(expected)


def test_the_old_form_is_tolerated_in_the_engine_only_when_it_resolves(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {
            "treadmill_tui/session/ok.py": f"# walking.md {S}3.4\n",
            "tests/session/bad.py": f"\n# walking.md {S}3.5\n",
        },
    )
    assert citation_problems(root) == [
        f"tests/session/bad.py:2: walking.md {S}3.5: no section 3.5 in docs/walking.md"
    ]


def test_a_docs_page_pointing_into_itself_must_resolve(tmp_path: Path) -> None:
    root = _project(tmp_path, {"docs/other.md": f"# Other\n\n## 1. One\n\nAs {S}1 and {S}2 say.\n"})
    assert citation_problems(root) == [f"docs/other.md:5: {S}2: no such section in this page"]
