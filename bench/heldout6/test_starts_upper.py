from starts_upper import starts_upper


def test_starts_upper():
    assert starts_upper("Hello") is True
    assert starts_upper("hello") is False
    assert starts_upper("HELLO") is True
    assert starts_upper("1abc") is False


def test_short_strings():
    assert starts_upper("") is False
    assert starts_upper("A") is True
