"""Publication dates compared without guessing.

A date-only value and a datetime on the same day cannot be ordered, nor can two values when
either is missing or unreadable: those comparisons say "tied" or "unknown", and the callers
report the direction as undetermined instead of picking one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

DateKey = tuple[date, datetime | None]


def date_key(published: str | date | None) -> DateKey | None:
    """(day, instant or None) of an ISO date or datetime; None when missing or unreadable."""
    if isinstance(published, datetime):
        moment = published
    elif isinstance(published, date):
        return published, None
    elif not isinstance(published, str) or not published.strip():
        return None
    else:
        value = published.strip()
        try:
            if len(value) <= 10:
                return date.fromisoformat(value), None
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.date(), moment


def compare(a: DateKey | None, b: DateKey | None) -> int | None:
    """-1 if ``a`` is strictly earlier, 1 if later, 0 if tied, None if either is unknown."""
    if a is None or b is None:
        return None
    if a[0] != b[0]:
        return -1 if a[0] < b[0] else 1
    if a[1] is None or b[1] is None or a[1] == b[1]:
        return 0
    return -1 if a[1] < b[1] else 1


def sort_key(key: DateKey | None) -> tuple[int, date, datetime]:
    """Dated first in time order (day-only values before same-day instants), undated last."""
    if key is None:
        return 1, date.max, datetime.max
    return 0, key[0], key[1] or datetime.min
