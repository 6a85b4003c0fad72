"""The package works on its own: the wheel and the sdist are built, each installed into a fresh
venv outside the repository, and run.

This is what ``pipx install .`` does (and what installing from a source release does). It proves
the bundled profiles and every data file travel inside the package (a wheel or an sdist would
silently drop a repository folder, or a file that package-data does not name). Slow (a build
and an install from the pip cache), so it is marked ``install``; ``scripts/test`` runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from treadmill_tui.profiles import bundled_profiles_dir

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.install


def data_files() -> list[str]:
    """Every file the app reads that is not Python: the bundled profiles, the stylesheet, the
    Bluetooth quirks table, py.typed; relative to the package."""
    package = ROOT / "treadmill_tui"
    return sorted(
        p.relative_to(package).as_posix()
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    )


def clean_copy(to: Path) -> Path:
    """The project as a fresh clone has it (with any uncommitted edits), built from there: the
    repository's own build/ and egg-info/ (left by the editable install) would otherwise feed
    a stale file list into the build, and two builds in one folder would race."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:  # not a git checkout: everything but the usual leftovers
        ignore = shutil.ignore_patterns(".*", "__pycache__", "*.egg-info", "build", "dist")
        return Path(shutil.copytree(ROOT, to, ignore=ignore))
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():  # a deleted but still listed file is left out
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, to / name)
    return to


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=540)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A user with an empty home and nothing of the repository on the path."""
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    home = tmp_path / "home"
    home.mkdir()
    clean.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return clean


def installs_and_runs(artifact: Path, tmp_path: Path, env: dict[str, str]) -> None:
    """Install ``artifact`` (a wheel or an sdist) into a fresh venv, then check every bundled
    profile and walk one, all from the installed copy."""
    # A fresh venv without pip of its own: the outer pip installs into it (--python), which
    # skips bootstrapping pip and keeps the test fast. An sdist is built into a wheel first,
    # with build isolation, from the pip cache.
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(artifact)],
        tmp_path,
        env,
    )
    where = _run(
        [str(python), "-c", "import treadmill_tui; print(treadmill_tui.__file__)"], tmp_path, env
    ).stdout.strip()
    assert not Path(where).resolve().is_relative_to(ROOT), where

    installed = _run(
        [
            str(python),
            "-c",
            "import sys; from importlib.resources import files\n"
            "print('\\n'.join(p for p in sys.argv[1:] if files('treadmill_tui').joinpath(p)"
            ".is_file()))",
            *data_files(),
        ],
        tmp_path,
        env,
    ).stdout.split()
    assert installed == data_files()

    exe = str(target / "bin" / "treadmill-tui")
    shipped = _run(
        [
            str(python),
            "-c",
            "from treadmill_tui.profiles import bundled_profiles_dir as d\n"
            "print('\\n'.join(sorted(str(p) for p in d().glob('*.toml'))))",
        ],
        tmp_path,
        env,
    ).stdout.split()
    assert [Path(p).name for p in shipped] == sorted(
        p.name for p in bundled_profiles_dir().glob("*.toml")
    )
    assert all(not Path(p).resolve().is_relative_to(ROOT) for p in shipped), shipped
    checked = _run([exe, "profile", "check", *shipped], tmp_path, env)
    assert "error" not in checked.stdout + checked.stderr
    walked = _run([exe, "simulate", shipped[0], "--json"], tmp_path, env)
    assert '"distance_m"' in walked.stdout or "distance" in walked.stdout


def test_the_wheel_installs_and_runs_outside_the_repository(
    tmp_path: Path, env: dict[str, str]
) -> None:
    dist = tmp_path / "dist"
    # The project's own pip builds the wheel (build isolation, from the pip cache).
    source = clean_copy(tmp_path / "src")
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(source)],
        tmp_path,
        env,
    )
    wheels = list(dist.glob("treadmill_tui-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
    missing = {f"treadmill_tui/{f}" for f in data_files()} - names
    assert not missing, f"the wheel lacks {sorted(missing)}"
    installs_and_runs(wheels[0], tmp_path, env)


def test_the_sdist_holds_the_data_files_and_installs_outside_the_repository(
    tmp_path: Path, env: dict[str, str]
) -> None:
    dist = tmp_path / "dist"
    # pip cannot make an sdist: `build` (the test extra) does, with build isolation.
    source = clean_copy(tmp_path / "src")
    _run([sys.executable, "-m", "build", "--sdist", "-o", str(dist), str(source)], tmp_path, env)
    sdists = list(dist.glob("treadmill_tui-*.tar.gz"))
    assert len(sdists) == 1
    with tarfile.open(sdists[0]) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        names = {name.removeprefix(f"{top}/") for name in sdist.getnames()}
    missing = {f"treadmill_tui/{f}" for f in data_files()} - names
    assert not missing, f"the sdist lacks {sorted(missing)}"
    # the metadata names the README and the licence text
    assert {"pyproject.toml", "README.md", "LICENSE"} <= names
    installs_and_runs(sdists[0], tmp_path, env)
