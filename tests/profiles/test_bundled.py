"""The bundled programmes validate, and their totals match figures worked out by hand.

Hand working (belt starts at speed_min 1.0 km/h; changes at 0.1 km/h per 5 s = 0.02 km/h/s;
a change of Δ km/h takes Δ/0.02 s and loses or gains Δ × that time / 2 km/h·s; ÷ 3.6 → m):

- first-week: 180×1.9 + 240×2.5 + 180×1.9 = 1284 km/h·s; start 1.0→1.9 loses 0.9×45/2 =
  20.25; 1.9→2.5 loses 9 and 2.5→1.9 gains 9 → 1263.75/3.6 = 351.042 m. 600 s, 1 check.
- thirty-minute: 300×2.3×2 + 1200×3.0 = 4980; start 1.0→2.3 loses 1.3×65/2 = 42.25; the
  2.3↔3.0 changes cancel → 4937.75/3.6 = 1371.597 m. 1800 s.
- incline builder: 4980 + 60×3.0 = 5160 − 42.25 → 1421.597 m; 1860 s. Climb: incline steps
  0.5 % at walk minute 3, 6, 9, 12, each a 120-s ramp → 1500 %·s at 3.0 km/h = 12.5 m, plus
  the cool-down's 2 → 0 % over 40 s while 3.0 → 2.3 km/h over 35 s: ∫ = 109.354 %·km/h·s
  → 0.304 m; total 12.804 m.
- cadence builder (0.6 m steps, 0.036 km/h per spm): walk 240 s each at 80, 82, 84, 86 spm and
  240 s at 88 → 3628.8; each +2 spm step ramps over 30 s (2 spm per 30 s) losing 0.072×30/2 =
  1.08 (×4); warm-up 2.3 → 2.88 loses 0.58×29/2 = 8.41; cool-down 3.168 → 2.3 gains
  0.868×43.4/2 = 18.8356; warm-up 690 − 42.25 → total 4972.6556/3.6 = 1381.293 m. 1800 s.
- standing breaks: breaks 10 + 5×2 + 3×10 = 50 s, 10 + 20 = 30 s, floor 10 + 8×2 + 5×5×2 +
  10×2 = 96 s; 300+600+50+600+30+300+300+96 = 2276 s. Distance: warm-up 647.75, walk 1
  1800 − 12.25, walk 2 and 3 restart 1.0 → 3.0 (loses 100 each): 1700 and 800, cool-down
  690 + 12.25 → 5637.75/3.6 = 1566.042 m. 3 breaks, 1 check.
- flare day: 300×1.9×2 + 660×2.5 = 2790 − 20.25 → 769.375 m. 1260 s.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from treadmill_tui.profiles import bundled_profiles_dir, compile_profile, load_profile

EXPECTED = {
    # file: (duration_s, distance_m, elevation_gain_m, breaks, checks)
    "first-week-10-min.toml": (600, 351.042, 0.0, 0, 1),
    "thirty-minute-walk.toml": (1800, 1371.597, 0.0, 0, 0),
    "gentle-incline-builder.toml": (1860, 1421.597, 12.804, 0, 0),
    "cadence-builder.toml": (1800, 1381.293, 0.0, 0, 0),
    "standing-exercise-breaks.toml": (2276, 1566.042, 0.0, 3, 1),
    "flare-day.toml": (1260, 769.375, 0.0, 0, 0),
}


def test_bundled_dir_is_inside_the_package() -> None:
    import treadmill_tui

    folder = bundled_profiles_dir()
    assert folder.is_relative_to(Path(treadmill_tui.__file__).parent)
    assert {p.name for p in folder.glob("*.toml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_profile_totals(name: str) -> None:
    path: Path = bundled_profiles_dir() / name
    timeline = compile_profile(load_profile(path))
    duration, distance, climb, breaks, checks = EXPECTED[name]
    totals = timeline.totals
    assert totals.duration_s == pytest.approx(duration)
    assert totals.distance_m == pytest.approx(distance, abs=0.01)
    assert totals.elevation_gain_m == pytest.approx(climb, abs=0.01)
    assert (totals.breaks, totals.checks) == (breaks, checks)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_profile_has_a_comment_header(name: str) -> None:
    text = (bundled_profiles_dir() / name).read_text(encoding="utf-8")
    header = [line for line in text.splitlines()[:12] if line.startswith("#")]
    assert len(header) >= 4
    assert "Who it is for" in text


def test_incline_builder_increase_times() -> None:
    tl = compile_profile(load_profile(bundled_profiles_dir() / "gentle-incline-builder.toml"))
    # warm-up → walk speed rise at 5:00, then incline steps 3, 6, 9, 12 min into the walk
    assert tl.increase_times == (300.0, 480.0, 660.0, 840.0, 1020.0)
    assert max(tl.at(float(t)).incline_pct for t in range(1861)) == pytest.approx(2.0)


def test_docs_example_is_valid() -> None:
    import re

    from treadmill_tui.profiles import parse_profile

    docs = Path(__file__).resolve().parents[2] / "docs" / "profiles.md"
    match = re.search(r"```toml\n(.*?)```", docs.read_text(encoding="utf-8"), re.S)
    assert match is not None
    timeline = compile_profile(parse_profile(match.group(1), str(docs)))
    assert timeline.totals.breaks == 2
    assert timeline.totals.checks == 1
    # 5 + 12 + 1 (break: 10 s + 2×5×2 + 3×10) + 8 + 5 min + floor break 10 + 16 + 50 + 20 s
    assert timeline.duration_s == 300 + 720 + 60 + 480 + 300 + 96
