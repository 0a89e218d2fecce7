"""Properties of what the public can send: the content sniffer, the markup check and the
e-mail placeholders never fail on any input and never let markup or unknown types through."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from citydiplomacy.visits import emails, programme, uploads
from citydiplomacy.visits.forms import MARKUP, plain_text


@given(st.binary(max_size=2048))
def test_sniff__any_bytes__an_allowed_type_or_none(data):
    kind = uploads.sniff(data)
    assert kind is None or kind in uploads.ALLOWED
    if kind == "text/plain":
        text = data.decode("utf-8").lower()
        assert "<script" not in text and "<html" not in text and "<svg" not in text


@given(st.text(max_size=300))
def test_plain_text__refuses_exactly_markup(text):
    try:
        plain_text(text)
    except ValidationError:
        return
    assert not MARKUP.search(text)


@given(st.text(min_size=1, max_size=40).map(lambda t: f"<script>{t}"))
def test_plain_text__any_script_tag_refused(text):
    with pytest.raises(ValidationError):
        plain_text(text)


@given(
    st.text(max_size=300),
    st.dictionaries(st.sampled_from(list(emails.PLACEHOLDERS)), st.text(max_size=30)),
)
def test_fill__any_template__known_placeholders_replaced(text, values):
    filled = emails.fill(text, values)
    for name in emails.PLACEHOLDERS:
        if "{" + name + "}" not in text:
            continue
        if name in values:
            assert values[name] in filled


@given(
    st.lists(st.tuples(st.integers(0, 20), st.integers(1, 5), st.sampled_from("abc")), max_size=8)
)
def test_clashes__symmetric_and_only_overlaps(rows):
    from datetime import datetime, timedelta

    base = datetime(2030, 1, 1, 8)
    slots = [
        programme.Slot(
            n, 1, base + timedelta(hours=start), base + timedelta(hours=start + length), host, ""
        )
        for n, (start, length, host) in enumerate(rows)
    ]
    found = {(c.item_id, c.other_id) for c in programme.clashes(slots, slots)}
    for a, b in found:
        assert (b, a) in found
        assert programme.overlaps(slots[a], slots[b])
        assert slots[a].host == slots[b].host
