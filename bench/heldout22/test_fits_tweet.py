from fits_tweet import fits_tweet


def test_fits_tweet():
    assert fits_tweet("hello") is True
    assert fits_tweet("ab " * 100) is False
    assert fits_tweet("x" * 279) is True


def test_limit_and_empty():
    assert fits_tweet("a" * 280) is True
    assert fits_tweet("a" * 281) is False
    assert fits_tweet("") is True
