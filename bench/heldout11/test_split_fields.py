from split_fields import split_fields


def test_split_fields():
    assert split_fields("a, b ,c") == ["a", "b", "c"]
    assert split_fields("x") == ["x"]
    assert split_fields(" 1 , 2 ,3 ") == ["1", "2", "3"]


def test_empty_and_blank_fields():
    assert split_fields("") == []
    assert split_fields("a,,b") == ["a", "", "b"]
    assert split_fields(",") == ["", ""]
