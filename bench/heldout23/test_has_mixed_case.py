from has_mixed_case import has_mixed_case


def test_has_mixed_case():
    assert has_mixed_case("Hello") is True
    assert has_mixed_case("hello") is False
    assert has_mixed_case("HELLO") is False
    assert has_mixed_case("a1B") is True


def test_other_chars_and_empty():
    assert has_mixed_case("x Y!") is True
    assert has_mixed_case("123 !") is False
    assert has_mixed_case("") is False
