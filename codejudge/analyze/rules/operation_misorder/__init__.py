"""Rules of category operation_misorder."""
