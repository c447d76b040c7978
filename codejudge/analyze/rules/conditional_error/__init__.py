"""Rules of category conditional_error."""
