"""An independent 50-digit reference for beat times: the textbook quadratic root in Decimal."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal, localcontext

Piece = tuple[float, float, float | None, float | None]  # start, end, spm0, spm1 (None = silent)


def exact_beat_times(pieces: list[Piece], until_beat: int) -> list[Decimal]:
    """Beat times of contiguous pieces starting at beat 0, restarting on a beat after silence
    (the rule the map documents), computed with 50 significant digits."""
    out: list[Decimal] = []
    with localcontext() as ctx:
        ctx.prec = 50
        phase = Decimal(0)
        sounded = False
        prev_silent = True
        for start, end, s0, s1 in pieces:
            t0, t1 = Decimal(start), Decimal(end)
            if s0 is None or s1 is None:
                prev_silent = True
                continue
            if prev_silent:
                whole = phase.to_integral_value(rounding=ROUND_CEILING)
                phase = whole + 1 if (sounded and whole == phase) else whole
            prev_silent = False
            dur = t1 - t0
            r0 = Decimal(s0) / 60
            a = (Decimal(s1) - Decimal(s0)) / (60 * dur)
            end_phase = phase + dur * (Decimal(s0) + Decimal(s1)) / 120
            n = len(out)
            while n <= end_phase and n < until_beat:
                d = n - phase
                if a == 0:
                    x = d / r0
                else:
                    x = (-r0 + (r0 * r0 + 2 * a * d).sqrt()) / a
                out.append(t0 + x)
                n += 1
            sounded = True
            phase = end_phase
    return out
