from positive_sum import positive_sum


def test_positive_sum():
    assert positive_sum([1, -4, 7, 12]) == 20
    assert positive_sum([0, 0, 3]) == 3
    assert positive_sum([1.5, -1.5, 2.5]) == 4.0


def test_nothing_positive():
    assert positive_sum([]) == 0
    assert positive_sum([-1, -2]) == 0
