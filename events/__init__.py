"""nenpyo's extraction engine: Japanese news text → dated events (see DESIGN.md)."""

EXTRACTOR_VERSION = "0.1.0"
