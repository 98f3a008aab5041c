from defang_ip import defang_ip


def test_defang_ip_normal():
    assert defang_ip("1.1.1.1") == "1[.]1[.]1[.]1"
    assert defang_ip("255.100.50.0") == "255[.]100[.]50[.]0"


def test_defang_ip_edge_cases():
    assert defang_ip("0.0.0.0") == "0[.]0[.]0[.]0"
    assert defang_ip("127.0.0.1") == "127[.]0[.]0[.]1"
