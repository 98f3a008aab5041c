from is_teen import is_teen


def test_is_teen():
    assert is_teen(15) is True
    assert is_teen(30) is False


def test_boundaries():
    assert is_teen(13) is True
    assert is_teen(19) is True
    assert is_teen(12) is False
    assert is_teen(20) is False
