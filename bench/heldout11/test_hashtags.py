from hashtags import hashtags


def test_hashtags():
    assert hashtags("I love #python and #code") == ["python", "code"]
    assert hashtags("no tags here") == []
    assert hashtags("#a\t#b\n#c") == ["a", "b", "c"]


def test_empty_and_edge():
    assert hashtags("") == []
    assert hashtags("   ") == []
    assert hashtags("a#b #") == [""]
