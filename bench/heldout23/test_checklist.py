from checklist import checklist


def test_checklist():
    assert checklist([{"text": "milk", "done": True}]) == ["[x] milk"]
    assert checklist([{"text": "eggs", "done": False}]) == ["[ ] eggs"]
    assert checklist([{"text": "a", "done": False}, {"text": "b", "done": True}]) == [
        "[ ] a",
        "[x] b",
    ]
    assert checklist([{"done": True, "text": "call mum"}]) == ["[x] call mum"]


def test_blank_text_and_empty():
    assert checklist([{"text": "", "done": False}]) == ["[ ] "]
    assert checklist([{"text": "x", "done": True}, {"text": "y", "done": True}]) == [
        "[x] x",
        "[x] y",
    ]
    assert checklist([]) == []
