"""Rules of category library_api_misuse."""
