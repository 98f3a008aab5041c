from bump_patch import bump_patch


def test_bump_patch():
    assert bump_patch("1.4.2") == "1.4.3"
    assert bump_patch("0.0.0") == "0.0.1"
    assert bump_patch("10.20.30") == "10.20.31"


def test_carry_digits():
    assert bump_patch("1.4.9") == "1.4.10"
    assert bump_patch("2.10.99") == "2.10.100"
    assert bump_patch("3.0.19") == "3.0.20"
