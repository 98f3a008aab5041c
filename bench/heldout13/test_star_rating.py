from star_rating import star_rating


def test_star_rating():
    assert star_rating(3) == "***.."
    assert star_rating(1) == "*...."
    assert star_rating(4) == "****."


def test_none_and_full():
    assert star_rating(0) == "....."
    assert star_rating(5) == "*****"
    assert star_rating(2) == "**..."
