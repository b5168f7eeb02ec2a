"""Split long articles into overlapping paragraph chunks whose offsets index the original."""

from __future__ import annotations

import re

_PARA = re.compile(r"\n\s*\n|\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each non-empty paragraph."""
    spans, pos = [], 0
    for m in _PARA.finditer(text):
        if text[pos : m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def chunks(text: str, max_chars: int = 12_000, overlap: int = 1) -> list[tuple[int, str]]:
    """(offset, chunk) pairs of whole paragraphs, each chunk repeating the last ``overlap`` paragraphs.

    A paragraph longer than ``max_chars`` is cut at ``max_chars``.
    """
    if len(text) <= max_chars:
        return [(0, text)]
    paras: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        paras.extend((s, min(s + max_chars, end)) for s in range(start, end, max_chars))
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(paras):
        j = i
        while j < len(paras) and paras[j][1] - paras[i][0] <= max_chars:
            j += 1
        j = max(j, i + 1)
        start, end = paras[i][0], paras[j - 1][1]
        out.append((start, text[start:end]))
        if j >= len(paras):
            break
        i = max(i + 1, j - overlap)
    return out


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of the sentence(s) holding ``text[start:end]``: from the last stop or line
    break before it to the first after it."""
    before = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "? ", "! ")))
    after = [i for i in (text.find(c, end) for c in ("\n", ". ", "? ", "! ")) if i >= 0]
    return before + 1, min(after, default=len(text))
