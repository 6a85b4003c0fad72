"""The wheel works on its own: built, installed into a fresh venv outside the repository, run.

This is what ``pipx install .`` does. It proves the bundled profiles and every data file travel
inside the package (a wheel would silently drop a repository folder). Slow (a build and an
install from the pip cache), so it is marked ``install``; ``scripts/test`` runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from treadmill_tui.profiles import bundled_profiles_dir

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.install


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=540)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def test_the_wheel_installs_and_runs_outside_the_repository(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    home = tmp_path / "home"
    home.mkdir()
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    dist = tmp_path / "dist"
    # The project's own pip builds the wheel (build isolation, from the pip cache).
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        tmp_path,
        env,
    )
    wheels = list(dist.glob("treadmill_tui-*.whl"))
    assert len(wheels) == 1

    # A fresh venv without pip of its own: the outer pip installs into it (--python), which
    # skips bootstrapping pip and keeps the test fast.
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(wheels[0])],
        tmp_path,
        env,
    )
    where = _run(
        [str(python), "-c", "import treadmill_tui; print(treadmill_tui.__file__)"], tmp_path, env
    ).stdout.strip()
    assert not Path(where).resolve().is_relative_to(ROOT), where

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
    checked = _run([exe, "profile", "check", *shipped], tmp_path, env)
    assert "error" not in checked.stdout + checked.stderr
    walked = _run([exe, "simulate", shipped[0], "--json"], tmp_path, env)
    assert '"distance_m"' in walked.stdout or "distance" in walked.stdout
