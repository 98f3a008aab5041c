from close_enough import close_enough


def test_close_enough():
    assert close_enough(10, 12, 3) is True
    assert close_enough(12, 10, 3) is True
    assert close_enough(10, 14, 3) is False


def test_exact_and_signs():
    assert close_enough(5, 5, 0) is True
    assert close_enough(5, 6, 0) is False
    assert close_enough(-2, 2, 4) is True
    assert close_enough(2, -2, 3) is False
