"""JavaScript regexes translated to Python `re`: pinned translations, refusals with their
reasons, and random patterns compared with Node's `exec` (tests/oracle/regex.cjs, one process
for the module). Wherever Node throws, the translator must refuse; wherever it translates,
Python's `search` must give Node's match index and every group, on every subject string in
the translation's stated domain.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import CI, ORACLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen.mirror.regex import PyRegex, Untranslatable, translate

ALL = (True, True)  # (astral_exact, pairs_exact)
NO_ASTRAL = (False, True)
NO_PAIRS = (True, False)
BMP_ONLY = (False, False)

# ---------------------------------------------------------------------------------------------
# The oracle


def units(text: str) -> list[int]:
    """`text` as JavaScript sees it: UTF-16 code units (a lone surrogate stays itself)."""
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


class RegexOracle:
    """One `node regex.cjs` process for the whole module."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            ["node", str(ORACLE / "regex.cjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def ask(self, request: dict[str, Any]) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def exec(self, source: str, flags: str, inputs: list[str]) -> Any:
        """Node's `exec` results for each input, or {"error": ...} for a rejected pattern."""
        return self.ask(
            {"source": units(source), "flags": flags, "inputs": [units(s) for s in inputs]}
        )

    def members(self, source: str, flags: str, first: int, last: int) -> list[tuple[int, int]]:
        """The code points in [first, last] whose one-character string the pattern matches."""
        answer = self.ask({"source": units(source), "flags": flags, "members": [first, last]})
        return [(lo, hi) for lo, hi in answer["ranges"]]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def node() -> Iterator[RegexOracle]:
    """The regex oracle (skipped without node; under CI, a failure instead)."""
    if shutil.which("node") is None:
        if CI:
            pytest.fail("CI is set, so the oracle must run: node is not installed", pytrace=False)
        pytest.skip("node is not installed")
    oracle = RegexOracle()
    yield oracle
    oracle.close()


def python_result(regex: PyRegex, subject: str) -> Any:
    """Python's search in the oracle's shape: UTF-16 index, groups as code units or None."""
    match = re.compile(regex.pattern).search(subject)
    if match is None:
        return None
    groups = (match.group(0), *match.groups())
    return {
        "index": len(units(subject[: match.start()])),
        "groups": [None if g is None else units(g) for g in groups],
    }


def compare(node: RegexOracle, source: str, flags: str, subjects: list[str]) -> PyRegex | None:
    """Translate and check against Node; None when refused (Node may accept or reject)."""
    answer = node.exec(source, flags, subjects)
    try:
        regex = translate(source, flags)
    except Untranslatable as refusal:
        assert str(refusal).strip(), f"empty reason for /{source}/{flags}"
        return None
    assert "error" not in answer, f"/{source}/{flags} translated, but JavaScript rejects it"
    for subject, expected in zip(subjects, answer["results"], strict=True):
        if regex.exact_on(subject):
            assert python_result(regex, subject) == expected, (source, flags, regex, subject)
    return regex


# ---------------------------------------------------------------------------------------------
# Pinned translations of patterns found in constants files

W = "[0-9A-Z_a-z]"
B = f"(?:(?<={W})(?!{W})|(?<!{W})(?={W}))"
NOT_LINE = r"[^\x0a\x0d\u2028\u2029]"

TRANSLATIONS = [
    (r"^[a-z0-9-]+$", "", r"\A[\-0-9a-z]+\Z", ALL),
    (r"^\d{3}-\d{4}$", "", r"\A[0-9]{3}\-[0-9]{4}\Z", ALL),
    (r"^#(?:[0-9a-f]{3}){1,2}$", "i", r"\A\#(?:[0-9A-Fa-f]{3}){1,2}\Z", ALL),
    (
        r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$",
        "",
        r"\A(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:\-([\-\.0-9A-Za-z]+))?\Z",
        ALL,
    ),
    (
        r"^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})$",
        "u",
        r"\A(?P<year>[0-9]{4})\-(?P<month>[0-9]{2})\-(?P<day>[0-9]{2})\Z",
        ALL,
    ),
    (r"^[^@\s]+@[^@\s]+\.\w+$", "", None, NO_ASTRAL),  # a negated class holds surrogates
    (r"^https?:\/\/.+$", "", rf"\Ahttps?://{NOT_LINE}+\Z", NO_ASTRAL),
    (r"^\/api\/v\d+\/", "", r"\A/api/v[0-9]+/", ALL),
    (r"^[A-Z][A-Z0-9_]*$", "", r"\A[A-Z][0-9A-Z_]*\Z", ALL),
    (r"\bTODO\b", "g", rf"{B}TODO{B}", ALL),
    (r"^ok$", "m", r"(?<![^\x0a\x0d\u2028\u2029])ok(?![^\x0a\x0d\u2028\u2029])", ALL),
    (r"skip", "i", "[Ss][Kk][Ii][Pp]", ALL),
    (r"skip", "iu", "[Ss\\u017f][Kk\\u212a][Ii][Pp]", ALL),
    (r"a.b", "s", r"a[\x00-\U0010ffff]b", NO_ASTRAL),
    (r"(['\"])\w+\1", "", "([\"'])[0-9A-Z_a-z]+(?:\\1)", ALL),
    (r"x(?=y)(?!z)", "", r"x(?=y)(?!z)", NO_ASTRAL),  # a negative lookahead sees mid-pairs
    (r"(?<=\$)\d+(?:\.\d\d)?", "", r"(?<=\$)[0-9]+(?:\.[0-9][0-9])?", NO_ASTRAL),
    (r"\u{1F600}+", "u", r"\U0001f600+", NO_PAIRS),
    (r"^.+$", "u", rf"\A{NOT_LINE}+\Z", NO_PAIRS),
    (r"\Bx\B", "u", None, BMP_ONLY),  # Node tries \B between a pair's halves even with `u`
    (r"[]|[^]", "", r"(?!)|[\x00-\U0010ffff]", NO_ASTRAL),
    (r"a{,2}}]", "", r"a\{,2\}\}\]", ALL),  # Annex B: no quantifier, so literals
    (r"(?:)", "dg", "(?:)", ALL),
]


@pytest.mark.parametrize(("source", "flags", "pattern", "domain"), TRANSLATIONS)
def test_translation(
    source: str, flags: str, pattern: str | None, domain: tuple[bool, bool]
) -> None:
    regex = translate(source, flags)
    if pattern is not None:
        assert regex.pattern == pattern
    assert (regex.flags, (regex.astral_exact, regex.pairs_exact)) == ((), domain)


SUBJECTS = [
    "",
    "abc",
    "ABC-123",
    "1.2.3-rc.1",
    "10.0.0",
    "2024-02-29",
    "#C0FFEE",
    "#abc",
    "me@example.com",
    "a b@c.de",
    "https://x.y/z\n",
    "/api/v2/users",
    "MAX_SIZE",
    "no TODO: here",
    "line\nok\r\nok\u2028",
    "SKIP skip ſkip \u212aIP",
    "a\nb a\u2028b a😀b axb",
    "'quoted' \"double' 'x'",
    "xy xz",
    "$12.50 $3",
    "😀😀 \ud83d\ude00",
    "a{,2}}]",
]


@pytest.mark.parametrize(("source", "flags"), [(s, f) for s, f, _, _ in TRANSLATIONS])
def test_translation_agrees_with_node(node: RegexOracle, source: str, flags: str) -> None:
    assert compare(node, source, flags, SUBJECTS) is not None


# ---------------------------------------------------------------------------------------------
# Refusals, each with the reason it gives

REFUSALS = [
    ("a", "y", "`y` (sticky) flag has no Python equivalent"),
    ("a", "v", "`v` (unicodeSets) flag"),
    ("a", "gg", "not a valid regular-expression flag"),
    ("a", "x", "not a valid regular-expression flag"),
    ("(a*)+", "", "can match the empty string"),
    ("(a*)?", "", "can match the empty string"),
    ("(a|)+b", "", "can match the empty string"),
    ("(?:(a)|b)+", "", "resets it to undefined on each iteration"),
    ("(?:(a)?b)*", "", "resets it to undefined on each iteration"),
    (r"\1(a)", "", "may refer to a group that has not matched"),
    (r"(a\1)", "", "may refer to a group that has not matched"),
    (r"(?:(a)|b)\1", "", "may refer to a group that has not matched"),
    (r"(a)\1", "i", "backreference with the `i` flag"),
    (r"(?<=a+)b", "", "Python only supports fixed-width lookbehind"),
    (r"(?<=a|bc)d", "", "Python only supports fixed-width lookbehind"),
    (r"(?<=(a))b", "", "capturing group inside a `(?<=...)` lookaround"),
    (r"(?!(a))b", "", "capturing group inside a `(?!...)` lookaround"),
    (r"(a)(?<=\1)", "", "inside a lookbehind"),
    (r"(?=a)*", "", "quantified assertion"),
    (r"^*", "", "quantified assertion"),
    ("é", "i", "non-ASCII character with the `i` flag"),
    ("[à-ÿ]", "i", "non-ASCII character with the `i` flag"),
    ("😀", "", "without the `u` flag"),
    (r"\ud83d", "", "surrogate"),
    (r"\ud800", "u", "surrogate"),
    (r"\p{L}", "u", "Unicode property escapes"),
    (r"\p{L}", "", "the escape `\\p` is not translated"),
    (r"\a", "", "the escape `\\a` is not translated"),
    (r"\a", "u", "JavaScript rejects it"),
    (r"\2(a)", "", "`\\2` with fewer than 2 groups"),
    (r"\07", "", "the escape `\\0` is not translated"),
    (r"[\d-z]", "", "class escape such as `\\d` as a range end"),
    ("[z-a]", "", "range out of order"),
    ("a{2,1}", "", "numbers out of order"),
    ("a{1,70000}", "", "repeat count above 65535"),
    ("{1}", "", "nothing to repeat"),
    ("a{", "u", "lone `{`"),
    ("]", "u", "lone `]`"),
    ("(?<a>x)(?<a>y)", "", "duplicate group name"),
    ("(?<a$>x)", "", "group name `a$` is not translated"),
    (r"\k<b>(?<a>x)", "", "without the `<name>` of a group"),
    ("(?i:a)", "", "group syntax `(?i`"),
    ("(a", "", "unterminated group"),
    ("a)", "", "unmatched `)`"),
    ("[a", "", "unterminated character class"),
    ("a\\", "", "at the end of the pattern"),
    ("+", "", "nothing to repeat"),
]


@pytest.mark.parametrize(("source", "flags", "reason"), REFUSALS)
def test_refusal(source: str, flags: str, reason: str) -> None:
    with pytest.raises(Untranslatable) as refused:
        translate(source, flags)
    assert reason in str(refused.value)
    assert refused.value.reason == str(refused.value)


# ---------------------------------------------------------------------------------------------
# Character sets, checked code point by code point against Node

ASTRAL_SAMPLES = [(0x10000, 0x10100), (0x1F600, 0x1F64F), (0x10FF00, 0x10FFFF)]
SETS = [
    (r"\s", ""),
    (r"\S", "u"),
    (r"\w", ""),
    (r"\w", "iu"),
    (r"\W", "iu"),
    (r"\W", "i"),
    (r"\d", "u"),
    (".", ""),
    (".", "su"),
    ("[^a-z]", "i"),
    ("[a-z]", "iu"),
    ("[^K_s]", "iu"),
    ("[Z-a]", "i"),
    (r"[\W\d]", "i"),
    (r"[\s\S]", "u"),
    ("[^]", "u"),
]


@pytest.mark.parametrize(("source", "flags"), SETS)
def test_character_set_matches_node(node: RegexOracle, source: str, flags: str) -> None:
    compiled = re.compile(translate(f"^(?:{source})$", flags).pattern)
    spans = [(0, 0xFFFF), *ASTRAL_SAMPLES] if "u" in flags else [(0, 0xFFFF)]
    for first, last in spans:
        expected = node.members(source, flags, first, last)
        found = [cp for cp in range(first, last + 1) if compiled.search(chr(cp))]
        assert _ranges(found) == expected, (source, flags, first)


def _ranges(cps: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for cp in cps:
        if out and out[-1][1] == cp - 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out


# ---------------------------------------------------------------------------------------------
# Every known difference between the engines, probed on every short string

PROBES = [
    ("a$", ""),
    ("^a", ""),
    ("a$|^b", "m"),
    ("^$", "m"),
    ("$", "m"),
    ("a\\b", ""),
    ("\\Ba", ""),
    ("\\b", "iu"),
    ("\\B", "iu"),
    ("\\B", ""),
    (".", ""),
    ("^.$", ""),
    ("^.$", "u"),
    ("^..$", ""),
    (".", "s"),
    ("^.$", "su"),
    ("\\s\\S", ""),
    ("\\w\\W", "u"),
    ("[^a]", ""),
    ("[^a]", "u"),
    ("[^]", ""),
    ("[]|b", ""),
    ("a", "i"),
    ("[^a-z]", "i"),
    ("k|s", "iu"),
    ("\\W", "iu"),
    ("(a)|b", ""),
    ("(a)?b", ""),
    ("(?:(a)b)+", ""),
    ("(?:a(b)?)", ""),
    ("(?=(a))a", ""),
    ("(?!a).", ""),
    ("(?<=a)b", ""),
    ("(?<!a)b", "u"),
    ("(?<=\\b)a", ""),
    ("(a)\\1", ""),
    ("(?<x>a|b)\\k<x>", "u"),
    ("(a)(?:b\\1)+", ""),
    ("a+?b?", ""),
    ("(a|ab)(b*)", ""),
    ("(?:a|b)*b", "g"),
    ("(?:ab){0,2}", "d"),
]
PROBE_ALPHABET = ["a", "b", "A", "_", " ", "\n", "\r", "\u2028", "😀", "\ud83d", "\ude00", "ſ", "K"]
PROBE_SUBJECTS = [""] + [
    "".join(chars) for n in (1, 2, 3) for chars in itertools.product(PROBE_ALPHABET, repeat=n)
]


@pytest.mark.parametrize(("source", "flags"), PROBES)
def test_probe_matches_node_on_every_short_string(
    node: RegexOracle, source: str, flags: str
) -> None:
    assert compare(node, source, flags, PROBE_SUBJECTS) is not None


# ---------------------------------------------------------------------------------------------
# Random patterns

INTERESTING = [
    *"aaabbsSkK0_- ",
    "\n",
    "\n",
    "\r",
    "\u2028",
    "\u00a0",
    "\ufeff",
    "\u017f",  # ſ: JavaScript's `i` only folds it to `s` with `u`
    "\u212a",  # Kelvin sign: likewise to `k`
    "\u0130",  # İ
    "\u00df",  # ß
    "😀",
    "\ud83d",  # a lone high surrogate; before the next, a pair that Python keeps as two
    "\ude00",
]


def subjects(source: str) -> st.SearchStrategy[list[str]]:
    """Subject strings, weighted toward the pattern's own letters so that matches are common."""
    own = [c for c in source if c.isascii() and (c.isalnum() or c in "_- ")]
    alphabet = st.sampled_from(INTERESTING + own * 4)
    return st.lists(st.lists(alphabet, max_size=7).map("".join), min_size=8, max_size=16)


flag_sets = st.sampled_from(
    ["", "", "", "i", "m", "s", "u", "u", "iu", "mu", "gimsu", "dg", "ims", "y", "v"]
)

LITERALS = [*"aaabskK0_", "\\-", "\\.", "\\n", "\\x41", "\\cJ", "\\0", "é", "😀"]
ESCAPES = ["\\d", "\\w", "\\W", "\\s", "\\S", ".", ".", "\\u017f", "\\u{212a}"]
CLASS_MEMBERS = [*"asK_0-[^", "a-z", "0-9", "A-F", "\\d", "\\w", "\\s", "\\W", "é", "\\u2028"]
CLASS_MEMBERS += ["\\]", "\\-", "\\b", "\\cJ", "\\^"]
ASSERTIONS = ["^", "$", "\\b", "\\B"]
QUANTIFIERS = ["", "", "*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "*?", "+?", "??"]


@st.composite
def classes(draw: st.DrawFn) -> str:
    members = draw(st.lists(st.sampled_from(CLASS_MEMBERS), max_size=4))
    return "[" + draw(st.sampled_from(["", "^"])) + "".join(members) + "]"


def _groups(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    kinds = st.sampled_from(["(", "(", "(?:", "(?:", "(?<n1>", "(?<n2>"])
    group = st.tuples(kinds, inner).map(lambda pair: f"{pair[0]}{pair[1]})")
    return st.tuples(group, st.sampled_from(QUANTIFIERS)).map("".join)


def _lookarounds(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    kinds = st.sampled_from(["(?=", "(?!", "(?<=", "(?<!"])
    return st.tuples(kinds, inner).map(lambda pair: f"{pair[0]}{pair[1]})")


LEAVES = st.one_of(
    st.tuples(st.sampled_from(LITERALS + ESCAPES) | classes(), st.sampled_from(QUANTIFIERS)).map(
        "".join
    ),
    st.sampled_from(ASSERTIONS),
)
bodies = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=4).map("".join),
        st.lists(inner, min_size=2, max_size=3).map("|".join),
        _groups(inner),
        _groups(inner),
        _lookarounds(inner),
    ),
    max_leaves=8,
)
# A group up front, so that backreferences after it usually have something to refer to.
patterns = st.tuples(
    st.sampled_from(["", "", "([ab])", "(?<n1>\\w)", "(a)|"]),
    bodies,
    st.sampled_from(["", "", "", "\\1", "\\k<n1>", "(?:\\1)+"]),
    bodies | st.just(""),
).map("".join)

RANDOM = settings(
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@RANDOM
@given(source=patterns, flags=flag_sets, data=st.data())
def test_random_patterns_match_like_node(
    node: RegexOracle, source: str, flags: str, data: st.DataObject
) -> None:
    compare(node, source, flags, data.draw(subjects(source)))


@RANDOM
@given(
    source=st.text(alphabet="()[]{}*+?|\\^$.-,0123456789abdkuwxcBDSWn<>=!:/", max_size=12),
    flags=flag_sets,
    data=st.data(),
)
def test_random_syntax_is_refused_or_exact(
    node: RegexOracle, source: str, flags: str, data: st.DataObject
) -> None:
    compare(node, source, flags, data.draw(subjects(source)))
