"""Embedded models split over packages: assembled once, checked against their published hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from extract.errors import SetupError
from extract.providers.models import LOCAL_MODELS, Parts


def _parts(tmp_path: Path, blobs: list[bytes], name: str) -> None:
    for n, blob in enumerate(blobs, 1):
        folder = tmp_path / "site" / f"{name}_part{n}" / "data"
        folder.mkdir(parents=True)
        (folder.parent / "__init__.py").write_text("")
        (folder / f"part{n:02d}.bin").write_bytes(blob)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    return tmp_path


def test_parts_are_assembled_once_and_hash_checked(site: Path) -> None:
    blobs = [b"GGUF" + b"a" * 3000, b"b" * 2000, b"c" * 17]
    _parts(site, blobs, "fakemodel")
    whole = b"".join(blobs)
    parts = Parts(
        "fakemodel_part{}",
        "data/part{:02d}.bin",
        3,
        len(whole),
        hashlib.sha256(whole).hexdigest(),
        "fake.gguf",
    )
    path = parts.assemble(site / "models")
    assert path.read_bytes() == whole
    stamp = path.stat().st_mtime_ns
    assert parts.assemble(site / "models") == path
    assert path.stat().st_mtime_ns == stamp  # not rebuilt
    assert sorted(p.name for p in (site / "models").iterdir()) == ["fake.gguf", "fake.sha256"]


def test_a_hash_mismatch_is_refused_in_one_line_and_leaves_nothing(site: Path) -> None:
    _parts(site, [b"x" * 100, b"y" * 100], "badmodel")
    parts = Parts("badmodel_part{}", "data/part{:02d}.bin", 2, 200, "0" * 64, "bad.gguf")
    with pytest.raises(SetupError) as caught:
        parts.assemble(site / "models")
    assert "does not match its published hash" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert list((site / "models").iterdir()) == []  # no half file, no stamp


def test_a_missing_part_package_is_named(site: Path) -> None:
    _parts(site, [b"x" * 10], "shortmodel")
    parts = Parts("shortmodel_part{}", "data/part{:02d}.bin", 2, 20, "0" * 64, "short.gguf")
    with pytest.raises(SetupError, match="shortmodel_part2 is not installed"):
        parts.assemble(site / "models")


def test_the_qwen_models_are_declared_with_their_published_hashes() -> None:
    big, small = LOCAL_MODELS["qwen2.5-1.5b"].parts, LOCAL_MODELS["qwen2.5-0.5b"].parts
    assert big is not None and small is not None
    assert (big.count, big.size, big.sha256[:12]) == (22, 1_117_320_768, "cc324af070c2")
    assert (small.count, small.size, small.sha256[:12]) == (6, 491_400_064, "1d9614638d18")
    assert all(m.licence for m in LOCAL_MODELS.values())


def test_the_server_behind_wrappers_and_its_counters_between_readings(tmp_path: Path) -> None:
    from extract.providers.base import Endpoint
    from extract.providers.budget import Budget, Budgeted
    from extract.providers.embedded import Embedded, ServerStats, local_server
    from extract.providers.none import NoModel

    embedded = Embedded("smollm2-135m", Endpoint("", ""), log_dir=tmp_path)  # not started
    assert local_server(Budgeted(embedded, Budget())) is embedded.server
    assert local_server(Budgeted(NoModel(), Budget())) is None
    used = ServerStats(130, 70, 9.5).since(ServerStats(100, 50, 2.0))
    assert used == ServerStats(30, 20, 7.5) and used.reuse_share == 0.6
