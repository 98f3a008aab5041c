from names_with_tag import names_with_tag


def test_names_with_tag():
    items = [
        {"name": "pen", "tags": ["office", "cheap"]},
        {"name": "lamp", "tags": ["home"]},
        {"name": "clip", "tags": ["office"]},
    ]
    assert names_with_tag(items, "office") == ["pen", "clip"]
    assert names_with_tag(items, "home") == ["lamp"]
    assert names_with_tag(items, "cheap") == ["pen"]
    assert names_with_tag(items, "Office") == []


def test_empty_and_no_match():
    assert names_with_tag([], "x") == []
    assert names_with_tag([{"name": "a", "tags": []}], "a") == []
    assert names_with_tag([{"name": "mug", "tags": ["kitchenware"]}], "kitchen") == []
