from circular import tokens


def test_token_round_trips_through_message_id_and_envelope() -> None:
    token = tokens.new_token()
    assert len(token) == tokens.TOKEN_LENGTH
    mid = tokens.message_id_for(token, "cl-21-4", "itu.example")
    assert tokens.token_from_message_id(mid) == token
    env = tokens.envelope_sender_for(token, "bounces", "itu.example")
    assert env == f"bounces+{token}@itu.example"
    assert tokens.token_from_address(env) == token
    refs = f"<other@x.example> {mid}"
    assert tokens.tokens_in_references(refs) == [token]


def test_foreign_ids_have_no_token() -> None:
    assert tokens.token_from_message_id("<CAF1234@mail.gmail.com>") is None
    assert tokens.token_from_address("minister@esp.example") is None
    assert tokens.new_token() != tokens.new_token()
