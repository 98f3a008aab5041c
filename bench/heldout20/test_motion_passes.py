from motion_passes import motion_passes


def test_motion_passes():
    assert motion_passes(6, 3, 5) is True
    assert motion_passes(2, 7, 5) is False
    assert motion_passes(3, 1, 10) is False


def test_tie_and_quorum_edge():
    assert motion_passes(4, 4, 5) is False
    assert motion_passes(3, 2, 5) is True
    assert motion_passes(3, 1, 5) is False
    assert motion_passes(1, 0, 0) is True
