from version_major import version_major


def test_version_major():
    assert version_major("3.11.2") == 3
    assert version_major("10.0") == 10
    assert version_major("0.9.1") == 0


def test_no_dot_and_long_parts():
    assert version_major("7") == 7
    assert version_major("12.5") == 12
    assert version_major("2024.1.15") == 2024
