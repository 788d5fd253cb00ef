"""Page numbers for a paginated list: which pages to link around the current one."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Pager"]

WINDOW = 2  # pages linked on each side of the current one


@dataclass(frozen=True, slots=True)
class Pager:
    page: int
    per_page: int
    total: int

    @property
    def last(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first_item(self) -> int:
        return min(self.total, (self.page - 1) * self.per_page + 1)

    @property
    def last_item(self) -> int:
        return min(self.total, self.page * self.per_page)

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.last else None

    def numbers(self) -> list[int | None]:
        """1, a gap (None), the pages around the current one, a gap, the last page."""
        around = range(max(1, self.page - WINDOW), min(self.last, self.page + WINDOW) + 1)
        shown = sorted({1, self.last, *around})
        numbers: list[int | None] = []
        for n in shown:
            if numbers and n - (numbers[-1] or 0) > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers
