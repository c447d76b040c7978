"""Rules of category index_off."""
