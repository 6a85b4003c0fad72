"""Any samples survive the samples CSV unchanged (property test)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from treadmill_tui.history.export_csv import read_samples_csv, samples_csv
from treadmill_tui.history.store import Sample

numbers = st.none() | st.floats(allow_nan=False, allow_infinity=False)
texts = st.none() | st.text(min_size=1, max_size=12)  # empty text is not a state or phase
samples = st.builds(
    Sample,
    t=st.floats(allow_nan=False, allow_infinity=False),
    prog_t=numbers,
    state=texts,
    phase=texts,
    speed_kmh=numbers,
    incline_pct=numbers,
    cadence_spm=numbers,
    heart_rate_bpm=numbers,
    distance_m=numbers,
    segment=st.none() | st.integers(-5, 10_000),
    segment_name=texts,
)


@given(st.lists(samples, max_size=20))
def test_samples_csv_round_trips(rows: list[Sample]) -> None:
    assert read_samples_csv(samples_csv(rows)) == rows
