from pathlib import Path

from extract.errors import ArticleError
from extract.inputs.load import Article, load_articles


def load(tmp_path: Path, name: str, data: bytes) -> list[Article | ArticleError]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(load_articles([str(path)]))


def test_text_file(tmp_path: Path) -> None:
    [a] = load(tmp_path, "a.txt", b"Kerry met Lavrov.")
    assert isinstance(a, Article) and a.id == "a" and a.text == "Kerry met Lavrov."


def test_empty_and_whitespace_files_are_named_errors(tmp_path: Path) -> None:
    for name, data in (("e.txt", b""), ("w.txt", b" \n\t ")):
        [err] = load(tmp_path, name, data)
        assert isinstance(err, ArticleError) and name in str(err) and "empty" in str(err)


def test_binary_is_rejected(tmp_path: Path) -> None:
    [err] = load(tmp_path, "b.txt", b"\x89PNG\x00\x00\x01")
    assert isinstance(err, ArticleError) and "binary" in str(err)


def test_non_utf8_is_decoded(tmp_path: Path) -> None:
    text = "Le ministre a déclaré que la réunion était «utile» et qu'il était prêt à négocier."
    [a] = load(tmp_path, "l.txt", text.encode("cp1252"))
    assert isinstance(a, Article) and "déclaré" in a.text


def test_html_is_stripped(tmp_path: Path) -> None:
    [a] = load(
        tmp_path,
        "h.html",
        b"<html><head><script>x()</script></head><body><p>Kerry met Lavrov.</p></body></html>",
    )
    assert isinstance(a, Article) and a.text == "Kerry met Lavrov." and "x()" not in a.text


def test_jsonl_lines_and_bad_lines(tmp_path: Path) -> None:
    data = b'{"id": "k1", "text": "Kerry spoke."}\n{"id": "k2"}\nnot json\n{"text": "Lavrov spoke."}\n'
    got = load(tmp_path, "batch.jsonl", data)
    assert [type(x).__name__ for x in got] == ["Article", "ArticleError", "ArticleError", "Article"]
    assert "batch.jsonl:2" in str(got[1]) and "text" in str(got[1])
    assert isinstance(got[3], Article) and got[3].id == "batch:4"


def test_folder_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("One.")
    (tmp_path / "y.md").write_text("Two.")
    got = list(load_articles([str(tmp_path), str(tmp_path / "nope.txt")]))
    assert [getattr(x, "id", None) for x in got[:2]] == ["x", "y"]
    assert isinstance(got[2], ArticleError) and "nope.txt" in str(got[2])
