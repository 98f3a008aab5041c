from by_surname import by_surname


def test_by_surname():
    assert by_surname(["Ada Lovelace", "Alan Turing", "Grace Hopper"]) == [
        "Grace Hopper",
        "Ada Lovelace",
        "Alan Turing",
    ]
    assert by_surname(["Bo Smith", "Al Smith", "Cy Jones"]) == ["Cy Jones", "Bo Smith", "Al Smith"]
    assert by_surname(["a zed", "b Zed"]) == ["b Zed", "a zed"]
    assert by_surname(["Zoe Abel", "Al Brown"]) == ["Zoe Abel", "Al Brown"]


def test_unchanged_and_empty():
    names = ["Cy Young", "Ann Bell"]
    assert by_surname(names) == ["Ann Bell", "Cy Young"]
    assert names == ["Cy Young", "Ann Bell"]
    assert by_surname(["Ann Bell"]) == ["Ann Bell"]
    assert by_surname([]) == []
