from starts_with_digit import starts_with_digit


def test_starts_with_digit():
    assert starts_with_digit("3 cats") is True
    assert starts_with_digit("cats 3") is False
    assert starts_with_digit("0") is True


def test_empty_and_signs():
    assert starts_with_digit("") is False
    assert starts_with_digit(" 5") is False
    assert starts_with_digit("-1") is False
    assert starts_with_digit("9lives") is True
