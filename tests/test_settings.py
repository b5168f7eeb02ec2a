"""Settings a team shares (EXTRACT_* variables, extract.toml, [tool.extract]) and `extract info`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extract.cli import app, settings
from extract.errors import ExtractError
from extract.kinds import resolve
from tests.conftest import extraction, quote

runner = CliRunner()
ARTICLE = 'Kerry said "the talks were frank and very direct" on Friday.'


def _args(tmp_path: Path) -> list[str]:
    """`extract run` of one article in ``tmp_path`` with the whole strategy and a cache there."""
    (tmp_path / "a.txt").write_text(ARTICLE)
    article, out, cache = tmp_path / "a.txt", tmp_path / "r.jsonl", tmp_path / "cache"
    return ["run", str(article), "-o", str(out), "--strategy", "whole", "--cache-dir", str(cache)]


def _run(tmp_path: Path, defaults: dict[str, Any] | None = None, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, _args(tmp_path), default_map=defaults, env=env)


def test_the_endpoint_comes_from_the_environment(fake_server: Any, tmp_path: Path) -> None:
    server = fake_server(lambda r: (200, extraction([quote("the talks were frank and very direct")])))
    result = _run(tmp_path, env={"EXTRACT_BASE_URL": server.base_url, "EXTRACT_MODEL": "fake"})
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 1
    record = json.loads((tmp_path / "r.jsonl").read_text())
    assert record["model"] == "fake"


@pytest.mark.parametrize("name", ["extract.toml", "pyproject.toml"])
def test_a_settings_file_gives_option_defaults(name: str, fake_server: Any, tmp_path: Path) -> None:
    server = fake_server(lambda r: (200, extraction([quote("the talks were frank and very direct")])))
    table = "[tool.extract]\n" if name == "pyproject.toml" else ""
    (tmp_path / name).write_text(f'{table}base-url = "{server.base_url}"\nmodel = "shared"\n')
    defaults = settings(tmp_path)
    assert defaults["run"]["base_url"] == server.base_url
    result = _run(tmp_path, defaults)
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "r.jsonl").read_text())["model"] == "shared"
    # The environment wins over the file.
    (tmp_path / "r.jsonl").unlink()
    result = _run(tmp_path, defaults, env={"EXTRACT_MODEL": "mine"})
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "r.jsonl").read_text())["model"] == "mine"


def test_a_broken_settings_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "extract.toml").write_text("base-url = \n")
    with pytest.raises(ExtractError, match=r"extract.toml: not valid TOML"):
        settings(tmp_path)
    assert settings(tmp_path / "nowhere") == {}


def test_a_pack_kind_can_be_chosen_alone_and_a_typo_is_named() -> None:
    assert [k.name for k in resolve(["news:quotes"])] == ["quotes"]
    with pytest.raises(ExtractError, match="has no kind 'quote'"):
        resolve(["news:quote"])


def test_choices_are_listed_and_a_wrong_one_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "-h"], env={"COLUMNS": "200"})
    assert "qwen2.5-1.5b" in result.output and "hybrid+paragraph" in result.output
    assert "EXTRACT_BASE_URL" in result.output
    result = runner.invoke(app, ["run", str(tmp_path), "--local-model", "qwen9"])
    assert result.exit_code == 2 and "qwen9" in result.output


def test_info_lists_models_cache_and_defaults(tmp_path: Path) -> None:
    result = runner.invoke(app, ["info", "--cache-dir", str(tmp_path / "c")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for expected in (
        "news-extract",
        "qwen2.5-1.5b (default)",
        "Apache-2.0",
        "hybrid+paragraph",
        "English",
        "providers:",
    ):
        assert expected in result.output


def test_progress_lines_when_not_a_terminal_and_quiet_verbose(fake_server: Any, tmp_path: Path) -> None:
    server = fake_server(lambda r: (200, extraction([quote("the talks were frank and very direct")])))
    (tmp_path / "a.txt").write_text(ARTICLE)
    args = [
        "run",
        str(tmp_path / "a.txt"),
        "--base-url",
        server.base_url,
        "--model",
        "m",
        "--strategy",
        "whole",
        "--cache-dir",
        str(tmp_path / "cache"),
        "--overwrite",
        "-o",
    ]
    plain = runner.invoke(app, [*args, str(tmp_path / "1.jsonl")])
    assert "progress: 1/1 articles" in plain.output and "ETA" in plain.output
    quiet = runner.invoke(app, ["-q", *args, str(tmp_path / "2.jsonl")])
    assert "progress:" not in quiet.output and "1 articles" in quiet.output  # the ledger stays
    verbose = runner.invoke(app, ["-v", *args, str(tmp_path / "3.jsonl")])
    assert "a.txt: {'quotes': 1" in verbose.output, verbose.output


def test_progress_lines_are_spaced_in_time() -> None:
    from extract.cli import ProgressLines

    lines = ProgressLines(total=1000, every_s=3600)
    assert [lines.advance() for _ in range(999)] == [None] * 999
    assert (last := lines.advance()) is not None and last.startswith("1000/1000 articles")


def test_calls_are_logged_and_listed_without_the_key(fake_server: Any, tmp_path: Path) -> None:
    server = fake_server(lambda r: (200, extraction([quote("the talks were frank and very direct")])))
    result = _run(
        tmp_path,
        env={
            "EXTRACT_BASE_URL": server.base_url,
            "EXTRACT_MODEL": "fake",
            "EXTRACT_API_KEY": "sk-secret-123",
        },
    )
    assert result.exit_code == 0, result.output
    log = (tmp_path / "cache" / "logs" / "calls.jsonl").read_text()
    assert "sk-secret-123" not in log and "frank and very direct" in log
    listed = runner.invoke(app, ["logs", "--cache-dir", str(tmp_path / "cache")], env={"COLUMNS": "200"})
    assert listed.exit_code == 0 and "whole/v2" in listed.output, listed.output
    shown = runner.invoke(app, ["logs", "--cache-dir", str(tmp_path / "cache"), "--show", "1"])
    assert '"reply"' in shown.output and '"messages"' in shown.output
    missing = runner.invoke(app, ["logs", "--cache-dir", str(tmp_path / "cache"), "--show", "9"])
    assert missing.exit_code == 2 and len(missing.output.strip().splitlines()) == 1


def test_a_call_the_budget_refuses_is_not_logged_as_sent(fake_server: Any, tmp_path: Path) -> None:
    # The answer is not in the text, so the article needs a re-ask: the budget of one call
    # refuses it before any request goes out, and the log must hold only the request sent.
    server = fake_server(lambda r: (200, extraction([quote("words nobody wrote anywhere")])))
    args = [*_args(tmp_path), "--max-calls", "1"]
    result = runner.invoke(app, args, env={"EXTRACT_BASE_URL": server.base_url, "EXTRACT_MODEL": "fake"})
    assert result.exit_code == 3, result.output
    assert len(server.requests) == 1
    logged = (tmp_path / "cache" / "logs" / "calls.jsonl").read_text().splitlines()
    assert len(logged) == 1 and '"error"' not in logged[0]


def _main(
    args: list[str], folder: Path, settings_text: str, capsys: Any, monkeypatch: Any
) -> tuple[int, str]:
    """``extract ARGS`` as a user types it in ``folder``, whose extract.toml holds ``settings_text``."""
    from extract.cli import main

    (folder / "extract.toml").write_text(settings_text)
    (folder / "a.txt").write_text(ARTICLE)
    monkeypatch.chdir(folder)
    monkeypatch.setattr("sys.argv", ["extract", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    captured = capsys.readouterr()
    return int(stopped.value.code or 0), captured.out + captured.err


RULES_RUN = ["run", "a.txt", "--strategy", "rules", "--no-cache"]


def test_a_command_name_as_a_key_is_one_line_and_version_still_works(
    tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    text = 'run = "rules"\ntool = 5\n'
    assert _main(["--version"], tmp_path, text, capsys, monkeypatch) == (0, "news-extract 0.1.0\n")
    code, said = _main(RULES_RUN, tmp_path, text, capsys, monkeypatch)
    assert code == 2 and said.count("\n") == 1 and "extract.toml: run = 'rules'" in said and "[run]" in said


def test_an_unknown_key_is_an_error_naming_the_file_and_key(
    tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    code, said = _main(RULES_RUN, tmp_path, "[run]\ntoken-budjet = 5\n", capsys, monkeypatch)
    assert code == 2 and said.count("\n") == 1 and "extract.toml: [run] token-budjet" in said
    code, said = _main(RULES_RUN, tmp_path, "tool = 5\n", capsys, monkeypatch)
    assert code == 2 and "extract.toml: tool: no command has this option" in said
    code, said = _main(RULES_RUN, tmp_path, "[bogus]\nx = 1\n", capsys, monkeypatch)
    assert code == 2 and "[bogus] is no command" in said


def test_a_bad_value_is_blamed_on_the_file(tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    code, said = _main(RULES_RUN, tmp_path, 'timeout = "soon"\n', capsys, monkeypatch)
    assert code == 2 and said.count("\n") == 1, said
    assert "extract.toml: timeout = 'soon'" in said and "--timeout" not in said
    code, said = _main(RULES_RUN, tmp_path, "[run]\nworkers = 0\n", capsys, monkeypatch)
    assert code == 2 and "extract.toml: [run] workers = 0" in said


def test_an_option_is_named_as_on_the_command_line(tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    code, said = _main(RULES_RUN, tmp_path, '[run]\nledger = "cost.json"\n', capsys, monkeypatch)
    assert code == 0, said
    assert json.loads((tmp_path / "cost.json").read_text())["articles"][0]["status"] == "done"


def test_cache_commands_honour_the_settings_file(tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    text = 'cache-dir = "team-cache"\n'
    assert _main(["run", "a.txt", "--strategy", "rules"], tmp_path, text, capsys, monkeypatch)[0] == 0
    code, said = _main(["cache", "info"], tmp_path, text, capsys, monkeypatch)
    assert code == 0 and said.startswith("team-cache: 1 entries"), said
    code, said = _main(["cache", "clear", "--yes"], tmp_path, text, capsys, monkeypatch)
    assert code == 0 and "removed 1 entries from team-cache" in said


def test_the_python_api_honours_the_settings_file(tmp_path: Path, monkeypatch: Any) -> None:
    from extract import extract_article
    from extract.run.config import RunConfig

    monkeypatch.chdir(tmp_path)
    (tmp_path / "extract.toml").write_text('no-cache = true\n[run]\nstrategy = "rules"\nworkers = 2\n')
    config = RunConfig.of()
    assert (config.strategy, config.workers, config.cache_dir) == ("rules", 2, None)
    assert RunConfig.of(workers=3).workers == 3  # an option given wins over the file
    assert extract_article(ARTICLE).strategy == "rules"
    (tmp_path / "extract.toml").write_text('[run]\ntimeout = "soon"\n')
    with pytest.raises(ExtractError, match=r"extract.toml: \[run\] timeout = 'soon'"):
        RunConfig.of()
