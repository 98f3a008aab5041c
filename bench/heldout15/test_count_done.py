from count_done import count_done


def test_count_done():
    tasks = [
        {"title": "shop", "done": True},
        {"title": "cook", "done": False},
        {"title": "wash", "done": True},
    ]
    assert count_done(tasks) == 2
    assert count_done(tasks[1:2]) == 0
    assert count_done(tasks[:1]) == 1


def test_empty_and_all():
    assert count_done([]) == 0
    assert count_done([{"title": "a", "done": False}, {"title": "b", "done": False}]) == 0
    assert count_done([{"title": "a", "done": True}, {"title": "a", "done": True}]) == 2
