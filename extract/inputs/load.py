"""Read articles from files, folders, globs and JSONL; bad inputs become ArticleErrors."""

from __future__ import annotations

import codecs
import glob
import hashlib
import json
import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

from extract.errors import ArticleError

TEXT_SUFFIXES = {".txt", ".md", ".text", ".html", ".htm"}
MAX_CHARS = 1_000_000
# Markup at the start (after any comments or an XML declaration), or a page's tags anywhere early.
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html|head|body|article|main|section|div|p|"
    r"span|title|meta|script|style|nav|header|h[1-6])\b",
    re.I | re.S,
)
_HTML_TAGS = re.compile(r"<(?:html|head|body|article|p|div|br)\b[^>]*>", re.I)


@dataclass(frozen=True)
class Article:
    """One article to extract from; offsets in records index ``text``."""

    id: str
    source: str
    text: str
    encoding: str = "utf-8"  # how the file was decoded, as the record reports it
    # A JSONL line's other fields (date, outlet, url...), passed through to the record.
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class _TextOnly(HTMLParser):
    _SKIP: ClassVar[frozenset[str]] = frozenset({"script", "style", "head", "noscript"})
    _BLOCK: ClassVar[frozenset[str]] = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article", "section"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """A page, not prose: it starts with markup, or its first 5,000 characters hold 3 page tags."""
    head = text[:5000]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 3


def html_to_text(html: str) -> str:
    """The article's own text, boilerplate (navigation, footers, scripts) removed by trafilatura;
    the bare text of every tag when it finds no main content. Offsets index this text."""
    import trafilatura  # imported for HTML inputs only

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    main = trafilatura.extract(html, include_comments=False, include_tables=False)
    if main and main.strip():
        return str(main).strip()
    parser = _TextOnly()
    parser.feed(html)
    text = "".join(parser.parts)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


class InputWarning(UserWarning):
    """An input was used, but not quite as written (e.g. a stray byte was replaced)."""


# Nearly all UTF-8: up to this many invalid bytes (or this share) are damage, not another encoding.
MAX_INVALID_UTF8 = (4, 0.01)


def decode(data: bytes, source: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding used: UTF-16 by its BOM, else UTF-8 (a few invalid
    bytes replaced, with a warning), else the detected encoding; binary data is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ArticleError(source, "starts with a UTF-16 mark but is not UTF-16") from None
    if b"\x00" in data:
        raise ArticleError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    if invalid <= max(MAX_INVALID_UTF8[0], MAX_INVALID_UTF8[1] * len(data)):
        used = f"utf-8 ({invalid} invalid byte{'s' if invalid > 1 else ''} replaced)"
        warnings.warn(f"{source}: decoded as {used}", InputWarning, stacklevel=2)
        return text, used
    from charset_normalizer import from_bytes  # rarely needed; slow to import

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ArticleError(source, "not UTF-8 and no text encoding could be detected")
    warnings.warn(f"{source}: not UTF-8; decoded as {best.encoding} (detected)", InputWarning, stacklevel=2)
    return str(best), best.encoding


def check_unicode(value: str, source: str, what: str = "text") -> str:
    """``value`` if it can be written as UTF-8 (JSON's \\ud800 escapes make lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ArticleError(source, f"{what} holds invalid Unicode (a lone surrogate)") from None
    return value


def check_text(text: str, source: str) -> str:
    """Return usable article text or raise ArticleError saying why not."""
    check_unicode(text, source)
    if looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise ArticleError(source, "empty article (no text)")
    if len(text) > MAX_CHARS:
        raise ArticleError(source, f"article too long ({len(text):,} chars > {MAX_CHARS:,})")
    return text


def _from_jsonl(path: Path) -> Iterator[Article | ArticleError]:
    try:
        # Lines end at "\n" only: JSON strings may hold raw U+2028, U+2029 or U+0085.
        content, encoding = decode(path.read_bytes(), str(path))
        lines = content.split("\n")
    except OSError as exc:
        yield ArticleError(str(path), f"cannot read ({exc.strerror})")
        return
    except ArticleError as err:
        yield err
        return
    for n, line in enumerate(lines, 1):
        if line.strip():
            yield _jsonl_article(line, path, n, encoding)


def article_from(
    obj: object, source: str, default_id: str, encoding: str = "utf-8", what: str = "JSONL line"
) -> Article:
    """An article from a JSON object with ``text`` (and ``id``, any metadata passed to ``meta``),
    checked as every input is; raises ArticleError naming ``source``."""
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise ArticleError(source, f"{what} has no string 'text' field")
    text = check_text(obj["text"], source)
    article_id = check_unicode(str(obj.get("id") or default_id), source, "id")
    meta = {k: v for k, v in obj.items() if k not in ("id", "text")}
    try:  # records carry the metadata as JSON: a value that is not (a Python object) fails here
        json.dumps(meta, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ArticleError(source, f"{what} metadata is not JSON ({exc})") from None
    return Article(article_id, source, text, encoding, meta)


def _jsonl_article(line: str, path: Path, n: int, encoding: str) -> Article | ArticleError:
    source = f"{path}:{n}"
    try:
        return article_from(json.loads(line), source, f"{path.stem}:{n}", encoding)
    except json.JSONDecodeError as exc:
        return ArticleError(source, f"invalid JSON ({exc.msg})")
    except RecursionError:
        return ArticleError(source, "JSON nested too deeply")
    except ArticleError as err:
        return err


def _from_file(path: Path) -> Iterator[Article | ArticleError]:
    if path.suffix == ".jsonl":
        yield from _from_jsonl(path)
        return
    source = str(path)
    try:
        text, encoding = decode(path.read_bytes(), source)
        yield Article(path.stem, source, check_text(text, source), encoding)
    except OSError as exc:
        yield ArticleError(source, f"cannot read ({exc.strerror})")
    except ArticleError as err:
        yield err


def expand(inputs: Iterable[str], exclude: Iterable[Path | None] = ()) -> Iterator[Path | ArticleError]:
    """Turn files, folders and glob patterns into files (sorted), leaving out the files and
    folders in ``exclude``."""
    skip = [p.resolve() for p in exclude if p is not None]
    for found in _expand(inputs):
        if isinstance(found, ArticleError) or not any(found.resolve().is_relative_to(s) for s in skip):
            yield found


def _folder(path: Path) -> Iterator[Path | ArticleError]:
    """The article files under ``path``, sorted; one that cannot be looked at is an error."""
    found: list[Path] = []
    try:
        candidates = sorted(p for p in path.rglob("*") if p.suffix in TEXT_SUFFIXES | {".jsonl"})
    except OSError as exc:
        yield ArticleError(str(path), f"cannot list the folder ({exc.strerror})")
        return
    for p in candidates:
        try:
            if p.is_file():
                found.append(p)
        except OSError as exc:
            yield ArticleError(str(p), f"cannot read ({exc.strerror})")
    if not found:
        yield ArticleError(str(path), "folder holds no .txt/.md/.html/.jsonl files")
    yield from found


def _expand(inputs: Iterable[str]) -> Iterator[Path | ArticleError]:
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from _folder(path)
        elif path.is_file():
            yield path
        else:
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                yield ArticleError(item, "no such file, folder or glob match")
            yield from matches


def load_articles(
    inputs: Iterable[str], exclude: Iterable[Path | None] = ()
) -> Iterator[Article | ArticleError]:
    """Yield each article, or an ArticleError in its place, so a batch never stops on one.

    ``exclude`` (the run's own output file, its cache folder) is never read as input.
    """
    for item in expand(inputs, exclude):
        if isinstance(item, ArticleError):
            yield item
        else:
            yield from _from_file(item)


def count_inputs(inputs: Iterable[str], exclude: Iterable[Path | None] = ()) -> int:
    """How many articles (or failures in their place) ``inputs`` will yield, counted without
    decoding anything: one per file, one per non-blank JSONL line."""
    total = 0
    for item in expand(inputs, exclude):
        if isinstance(item, Path) and item.suffix == ".jsonl":
            try:
                with item.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def article_texts(sources: Iterable[str], root: Path) -> Iterator[Article]:
    """Re-read the article files that records came from ('path' or 'path:line' for JSONL), only
    files under ``root``: a record's ``source`` is data, and must not name any file to read."""
    top = root.resolve()
    paths = dict.fromkeys(re.sub(r":\d+$", "", s) for s in sources)
    inside = [p for p in paths if Path(p).is_file() and Path(p).resolve().is_relative_to(top)]
    for item in load_articles(inside):
        if isinstance(item, Article):
            yield item
