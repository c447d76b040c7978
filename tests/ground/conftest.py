"""The judge tests' fixtures (a real bwrap executor, tiny local models) serve the grounding tests too."""

from tests.judge.conftest import executor, says_a_model, tiny_model  # noqa: F401 - pytest fixtures
