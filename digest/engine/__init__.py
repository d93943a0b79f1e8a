"""One incremental engine: named pure queries, their results keyed by what they read.

See docs/architecture.md. `Engine` runs queries and remembers their results (in memory,
and in SQLite when it has a `Store`); `Digests` gives any pipeline value a stable digest;
`state` answers "is the last build still current?" before the pipeline is imported.
"""

from digest.engine.digests import Digests
from digest.engine.engine import Codec, Engine, Query
from digest.engine.store import Store

__all__ = ["Codec", "Digests", "Engine", "Query", "Store"]
