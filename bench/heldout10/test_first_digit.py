from first_digit import first_digit


def test_first_digit():
    assert first_digit("abc123") == "1"
    assert first_digit("7up") == "7"
    assert first_digit("x0y9") == "0"


def test_no_digit():
    assert first_digit("") == ""
    assert first_digit("none") == ""
    assert first_digit("a b!") == ""
