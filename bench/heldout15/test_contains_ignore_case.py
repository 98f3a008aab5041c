from contains_ignore_case import contains_ignore_case


def test_contains_ignore_case():
    assert contains_ignore_case("Hello World", "WORLD") is True
    assert contains_ignore_case("Python", "th") is True
    assert contains_ignore_case("concatenate", "Cat") is True
    assert contains_ignore_case("abc", "abd") is False


def test_empty_strings():
    assert contains_ignore_case("abc", "") is True
    assert contains_ignore_case("", "") is True
    assert contains_ignore_case("", "a") is False
