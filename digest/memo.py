"""Early cut-off between builds: a pure stage given equal arguments is not run again.

The preview keeps one Memo across its builds. When an edit leaves a stage's input unchanged
(an entry's body changed, but not its quotes), the stage's last result is returned as it
was: linking every quote of a digest again for a typo fix would cost seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self._last: dict[str, tuple[Any, Any]] = {}

    def wrap(self, name: str, stage: Callable[P, T]) -> Callable[P, T]:
        """`stage`, remembering its last arguments and result under `name`."""

        def run(*args: P.args, **kwargs: P.kwargs) -> T:
            return self.keyed(name, (args, kwargs), lambda: stage(*args, **kwargs))

        return run

    def keyed(self, name: str, key: object, compute: Callable[[], T]) -> T:
        """compute(), or its last result when `key` equals the last one's: for a stage whose
        arguments are large, compared by the few fields of them it reads."""
        return self._reuse(name, key, compute, lambda last: last == key)

    def of(self, name: str, source: object, compute: Callable[[], T]) -> T:
        """compute(), or its last result when `source` is the very object it was computed
        from (kept alive here, so its id cannot pass to another object)."""
        return self._reuse(name, source, compute, lambda last: last is source)

    def _reuse(self, name: str, key: object, compute: Callable[[], T],
               same: Callable[[object], bool]) -> T:
        last = self._last.get(name)
        if last is not None and same(last[0]):
            result: T = last[1]
            return result
        result = compute()
        self._last[name] = (key, result)
        return result
