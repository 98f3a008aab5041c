from parse_pairs import parse_pairs


def test_parse_pairs():
    assert parse_pairs("a=1; b = two") == {"a": "1", "b": "two"}
    assert parse_pairs("x=1;y=2") == {"x": "1", "y": "2"}
    assert parse_pairs("url=a=b") == {"url": "a=b"}
    assert parse_pairs("k=1;k=2") == {"k": "2"}


def test_skipped_and_empty():
    assert parse_pairs("a=1;;junk;b=2;") == {"a": "1", "b": "2"}
    assert parse_pairs("empty=") == {"empty": ""}
    assert parse_pairs("") == {}
