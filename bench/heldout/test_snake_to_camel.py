from snake_to_camel import snake_to_camel


def test_snake_to_camel():
    assert snake_to_camel("get_user_name") == "getUserName"
    assert snake_to_camel("hello_world") == "helloWorld"
    assert snake_to_camel("x_y_z") == "xYZ"


def test_no_underscore():
    assert snake_to_camel("value") == "value"
    assert snake_to_camel("") == ""
