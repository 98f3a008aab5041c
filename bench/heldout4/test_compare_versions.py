from compare_versions import compare_versions


def test_compare_versions():
    assert compare_versions("1.10", "1.9") == 1
    assert compare_versions("1.2.3", "1.2.4") == -1
    assert compare_versions("0.9", "1.0") == -1
    assert compare_versions("3", "3") == 0


def test_missing_parts():
    assert compare_versions("2.0", "2") == 0
    assert compare_versions("1.0.1", "1") == 1
