"""Rules of category output_formatting."""
