from luhn_check import luhn_check


def test_luhn_check():
    assert luhn_check("79927398713") is True
    assert luhn_check("4539578763621486") is True
    assert luhn_check("79927398710") is False
    assert luhn_check("81") is False


def test_short_numbers():
    assert luhn_check("18") is True
    assert luhn_check("0") is True
    assert luhn_check("") is False
