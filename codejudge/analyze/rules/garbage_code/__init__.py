"""Rules of category garbage_code."""
