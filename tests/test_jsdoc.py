"""JSDoc comments become text with their paragraphs, tags and example code kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from codegen.input.jsdoc import jsdoc_text


def test_one_line() -> None:
    assert jsdoc_text("/** Cache lifetime in seconds. */") == "Cache lifetime in seconds."


def test_paragraphs_tags_and_examples_are_kept() -> None:
    raw = """/**
     * Bus subjects: the event names published
     * on the internal bus.
     *
     * Producers import these.
     * @deprecated Use `EVENTS` instead.
     * @see https://example.invalid/bus
     * @example
     * publish(SUBJECTS.tipServed, payload);
     *   // indented stays indented
     */"""
    assert jsdoc_text(raw) == (
        "Bus subjects: the event names published on the internal bus.\n\n"
        "Producers import these.\n\n"
        "@deprecated Use `EVENTS` instead.\n\n"
        "@see https://example.invalid/bus\n\n"
        "@example\npublish(SUBJECTS.tipServed, payload);\n  // indented stays indented"
    )


def test_fenced_code_keeps_its_lines() -> None:
    raw = "/**\n * Use it so:\n *\n * ```ts\n * a(1);\n *   b(2);\n * ```\n */"
    assert jsdoc_text(raw) == "Use it so:\n\n```ts\na(1);\n  b(2);\n```"


def test_stars_are_optional() -> None:
    assert jsdoc_text("/**\n  First line\n  second line\n*/") == "First line second line"


@given(
    st.text(
        alphabet=st.characters(blacklist_characters="*@`\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    )
)
def test_a_single_paragraph_is_its_words(text: str) -> None:
    assert jsdoc_text(f"/** {text} */") == " ".join(text.split())
