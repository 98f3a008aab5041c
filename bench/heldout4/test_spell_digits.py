import pytest
from spell_digits import spell_digits


def test_spell_digits():
    assert spell_digits(123) == "one two three"
    assert spell_digits(907) == "nine zero seven"
    assert spell_digits(55) == "five five"
    assert spell_digits(0) == "zero"


def test_negative():
    with pytest.raises(ValueError):
        spell_digits(-5)
