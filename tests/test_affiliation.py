"""Affiliation data of the events stage: who belongs to which country, and when two speakers are one source."""
import pytest

from events.affiliation import country_of, people_with_surname, speaker_match

MATCHES = [
    ("同じ人物", ("John Kirby", "person", ()), ("John Kirby", "person", ()), 2),
    ("人物と紹介された組織", ("Dmitry Peskov", "person", ("Kremlin",)), ("Kremlin", "organisation", ()), 2),
    ("国と報道官", ("United States", "country", ()), ("John Kirby", "person", ()), 1),
    ("国と政府機関", ("Russia", "country", ()), ("Kremlin", "organisation", ()), 1),
    ("同じ国", ("Japan", "country", ()), ("Japan", "country", ()), 1),
    ("同じ国の二人", ("Fumio Kishida", "person", ()), ("Yoshimasa Hayashi", "person", ()), 0),
    ("二つの国", ("Japan", "country", ()), ("China", "country", ()), 0),
    ("国と他国の人物", ("Japan", "country", ()), ("John Kirby", "person", ()), 0),
    ("人物と国(紹介)", ("Vladimir Putin", "person", ("Russia",)), ("Russia", "country", ()), 1),
    ("未知の人物と所属", ("山田太郎", "person", ("Toyota",)), ("Japan", "country", ()), 1),
]


@pytest.mark.parametrize("a,b,level", [c[1:] for c in MATCHES], ids=[c[0] for c in MATCHES])
def test_speaker_match(a, b, level):
    assert speaker_match(a, b) == level
    assert speaker_match(b, a) == level


def test_country_of_and_surnames():
    assert country_of("John Kirby") == "United States"
    assert country_of("Kremlin") == "Russia"
    assert country_of("Japan") is None
    assert "John Kirby" in people_with_surname("カービー")
    assert people_with_surname("存在しない姓") == ()
