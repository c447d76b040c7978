import pytest

from codejudge.errors import ConfigError, UnknownNameError
from codejudge.languages import LANGUAGES, canonical_language, is_language, language_or_none


@pytest.mark.parametrize(
    "name,want",
    [
        ("python", "python"),
        ("Python", "python"),
        ("py", "python"),
        ("python3", "python"),
        ("PY3", "python"),
        ("javascript", "js"),
        ("JavaScript", "js"),
        ("node", "js"),
        ("js", "js"),
        ("NodeJS", "js"),
        ("c++", "cpp"),
        ("CPP", "cpp"),
        ("cxx", "cpp"),
        ("C++17", "cpp"),
        ("cc", "cpp"),
        ("java", "java"),
        ("Java", "java"),
        ("go", "go"),
        ("golang", "go"),
        ("GoLang", "go"),
        ("rust", "rust"),
        ("rs", "rust"),
        (" Rust ", "rust"),
    ],
)
def test_aliases_map_to_canonical_names(name, want):
    assert canonical_language(name) == want


def test_canonical_names_map_to_themselves():
    assert [canonical_language(n) for n in LANGUAGES] == list(LANGUAGES)


@pytest.mark.parametrize("name", ["cobol", "c", "typescript", "", "pyth0n"])
def test_unknown_names_raise_a_config_error_naming_the_choices(name):
    with pytest.raises(UnknownNameError) as err:
        canonical_language(name)
    assert isinstance(err.value, ConfigError)
    assert "python, js, cpp, java, go, rust" in str(err.value)
    assert language_or_none(name) is None and not is_language(name)


def test_misspelling_gets_a_suggestion():
    with pytest.raises(UnknownNameError, match="Did you mean: javascript"):
        canonical_language("javscript")
