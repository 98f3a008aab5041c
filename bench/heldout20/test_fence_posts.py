from fence_posts import fence_posts


def test_fence_posts():
    assert fence_posts(10, 2) == 6
    assert fence_posts(12, 3) == 5
    assert fence_posts(100, 10) == 11
    assert fence_posts(7, 7) == 2


def test_short_fences():
    assert fence_posts(0, 5) == 1
    assert fence_posts(1, 1) == 2
    assert fence_posts(5, 1) == 6
