"""Where a build's time goes: each stage's wall and CPU time and how many items it
handled (`digest build --timings`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class StageTime:
    name: str
    wall: float  # seconds
    cpu: float  # seconds of this process: not its workers' (extraction's pool)
    items: int
    unit: str  # what the items are: "files", "entries", "pages"


@dataclass
class Clock:
    """Times the stages of one build, in the order they run; `between` runs after each."""

    stages: list[StageTime] = field(default_factory=list)
    between: Callable[[], None] = lambda: None

    def __call__(self, name: str, unit: str, count: Callable[[T], int],
                 run: Callable[[], T]) -> T:
        """`run()`, timed as stage `name`; `count` tells how many `unit` its result holds."""
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        self.stages.append(StageTime(name, time.perf_counter() - wall, time.process_time() - cpu,
                                     count(result), unit))
        self.between()
        return result


def table(stages: Sequence[StageTime]) -> str:
    """The stages as an aligned table, with a total line."""
    width = max((len(s.name) for s in stages), default=5)
    lines = [f"{'stage':<{width}}  {'wall s':>7}  {'cpu s':>7}  items"]
    lines.extend(f"{s.name:<{width}}  {s.wall:7.3f}  {s.cpu:7.3f}  {s.items} {s.unit}"
                 for s in stages)
    lines.append(f"{'total':<{width}}  {sum(s.wall for s in stages):7.3f}  "
                 f"{sum(s.cpu for s in stages):7.3f}")
    return "\n".join(lines)
