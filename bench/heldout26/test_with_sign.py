from with_sign import with_sign


def test_with_sign_normal():
    assert with_sign(5) == "+5"
    assert with_sign(-3) == "-3"
    assert with_sign(42) == "+42"


def test_with_sign_edge_cases():
    assert with_sign(0) == "0"
    assert with_sign(-100) == "-100"
    assert with_sign(1) == "+1"
