from table_row import table_row


def test_table_row():
    assert table_row(["a", "b"]) == "| a | b |"
    assert table_row(["Name", "Age", "City"]) == "| Name | Age | City |"
    assert table_row(["x"]) == "| x |"


def test_empty_and_odd_cells():
    assert table_row([]) == ""
    assert table_row([""]) == "|  |"
    assert table_row(["a b", "c"]) == "| a b | c |"
