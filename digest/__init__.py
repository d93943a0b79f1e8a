"""digest: a static site generator for source digests."""

__version__ = "0.1.0"
