"""Rules of category math_logic_error."""
