"""Where each key and value sits in a TOML text (tomllib gives no positions).

A small scanner over text that tomllib has already accepted. It covers what people write in
profiles: ``[table]`` and ``[[array.of.tables]]`` headers (nested too), dotted keys, basic,
literal and multi-line strings, inline tables such as ``{ from = "2.5 km/h", to = "3 km/h" }``
and arrays (also multi-line, with comments). Key paths use names for tables and 0-based
integers for array items, e.g. ``("segments", 2, "speed", "from")``. Anything it cannot follow
is simply left out; lookups then fall back to the nearest enclosing path.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

KeyPath = tuple[str | int, ...]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


@dataclass(frozen=True, slots=True)
class Span:
    """1-based line/column of a key and of its value (the same place for headers and items)."""

    key_line: int
    key_column: int
    value_line: int
    value_column: int


class PositionIndex:
    """Maps key paths to the place they are written."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self._line_starts.append(i + 1)
        self._spans: dict[KeyPath, Span] = {}
        self._counters: dict[KeyPath, int] = {}
        self._i = 0
        try:
            self._scan()
        except (IndexError, ValueError):
            pass  # keep what was indexed so far

    # -- lookups ---------------------------------------------------------------------------

    def span(self, path: KeyPath) -> Span | None:
        """The exact span of ``path``, or None."""
        return self._spans.get(path)

    def nearest(self, path: KeyPath) -> tuple[KeyPath, Span] | None:
        """The span of ``path`` or of its closest indexed ancestor."""
        for n in range(len(path), 0, -1):
            span = self._spans.get(path[:n])
            if span is not None:
                return path[:n], span
        return None

    def value_at(self, path: KeyPath) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or of the nearest ancestor; else 1:1)."""
        found = self.nearest(path)
        if found is None:
            return 1, 1
        return found[1].value_line, found[1].value_column

    def key_at(self, path: KeyPath) -> tuple[int, int]:
        """Line and column of the key of ``path`` (or of the nearest ancestor; else 1:1)."""
        found = self.nearest(path)
        if found is None:
            return 1, 1
        return found[1].key_line, found[1].key_column

    @property
    def last_line(self) -> int:
        """The last line that holds any text (where "end of document" errors are reported)."""
        lines = self._text.splitlines()
        for n in range(len(lines), 0, -1):
            if lines[n - 1].strip():
                return n
        return 1

    # -- scanning --------------------------------------------------------------------------

    def _pos(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _record(self, path: KeyPath, key_off: int, value_off: int) -> None:
        kl, kc = self._pos(key_off)
        vl, vc = self._pos(value_off)
        self._spans.setdefault(path, Span(kl, kc, vl, vc))

    def _peek(self, n: int = 1) -> str:
        return self._text[self._i : self._i + n]

    def _skip_space(self, newlines: bool) -> None:
        text = self._text
        while self._i < len(text):
            ch = text[self._i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self._i += 1
            elif ch == "#":
                end = text.find("\n", self._i)
                self._i = len(text) if end < 0 else end
            else:
                return

    def _skip_line(self) -> None:
        end = self._text.find("\n", self._i)
        self._i = len(self._text) if end < 0 else end + 1

    def _scan(self) -> None:
        current: KeyPath = ()
        text = self._text
        while True:
            self._skip_space(newlines=True)
            if self._i >= len(text):
                return
            start = self._i
            if text[self._i] == "[":
                is_array = text.startswith("[[", self._i)
                self._i += 2 if is_array else 1
                self._skip_space(newlines=False)
                names = [name for name, _ in self._key()]
                path: KeyPath = ()
                for name in names[:-1]:
                    path = path + (name,)
                    if path in self._counters:
                        path = path + (self._counters[path],)
                path = path + (names[-1],)
                if is_array:
                    n = self._counters.get(path, -1) + 1
                    self._counters[path] = n
                    path = path + (n,)
                self._record(path, start, start)
                current = path
                self._skip_line()
            else:
                self._keyval(current)
                self._skip_line()
            if self._i <= start:
                return  # no progress: stop rather than loop

    def _key(self) -> list[tuple[str, int]]:
        parts: list[tuple[str, int]] = []
        text = self._text
        while True:
            self._skip_space(newlines=False)
            off = self._i
            ch = text[self._i]
            if ch in "\"'":
                name = self._string()
            else:
                while self._i < len(text) and text[self._i] in _BARE:
                    self._i += 1
                name = text[off : self._i]
                if not name:
                    raise ValueError("no key")
            parts.append((name, off))
            self._skip_space(newlines=False)
            if self._peek() == ".":
                self._i += 1
                continue
            return parts

    def _keyval(self, base: KeyPath) -> None:
        parts = self._key()
        self._skip_space(newlines=False)
        if self._peek() != "=":
            raise ValueError("no '='")
        self._i += 1
        self._skip_space(newlines=False)
        path = base
        for name, off in parts[:-1]:
            path = path + (name,)
            self._record(path, off, off)
        path = path + (parts[-1][0],)
        self._record(path, parts[0][1], self._i)
        self._value(path)

    def _value(self, path: KeyPath) -> None:
        text = self._text
        ch = text[self._i]
        if ch in "\"'":
            self._string()
        elif ch == "{":
            self._i += 1
            while True:
                self._skip_space(newlines=True)
                if self._peek() == "}":
                    self._i += 1
                    return
                self._keyval(path)
                self._skip_space(newlines=True)
                if self._peek() == ",":
                    self._i += 1
        elif ch == "[":
            self._i += 1
            index = 0
            while True:
                self._skip_space(newlines=True)
                if self._peek() == "]":
                    self._i += 1
                    return
                item = path + (index,)
                self._record(item, self._i, self._i)
                self._value(item)
                index += 1
                self._skip_space(newlines=True)
                if self._peek() == ",":
                    self._i += 1
        else:
            start = self._i
            while self._i < len(text) and text[self._i] not in ",]}#\n\r":
                self._i += 1
            if self._i == start:
                raise ValueError("empty value")

    def _string(self) -> str:
        text = self._text
        quote = text[self._i]
        start = self._i
        if text.startswith(quote * 3, self._i):
            self._i += 3
            while not text.startswith(quote * 3, self._i):
                if quote == '"' and text[self._i] == "\\":
                    self._i += 1
                self._i += 1
                if self._i >= len(text):
                    raise ValueError("unterminated")
            self._i += 3
            while self._peek() == quote:  # up to two quotes may end the content
                self._i += 1
            return text[start + 3 : self._i - 3]
        self._i += 1
        while text[self._i] != quote:
            if quote == '"' and text[self._i] == "\\":
                self._i += 1
            self._i += 1
        self._i += 1
        return text[start + 1 : self._i - 1]
