"""Helpers for codejudge's own tests and examples (tiny local models, no hub)."""
