from prime_count import prime_count


def test_prime_count_normal():
    assert prime_count(10) == 4
    assert prime_count(20) == 8
    assert prime_count(30) == 10
    assert prime_count(100) == 25


def test_prime_count_edge_cases():
    assert prime_count(1) == 0
    assert prime_count(0) == 0
    assert prime_count(-5) == 0
    assert prime_count(2) == 1
    assert prime_count(13) == 6
