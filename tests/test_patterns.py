"""Every row of the pattern table: its examples are recognised with their value, its
counter-examples are not tagged by it (HeidelTime's EXAMPLE comments, made executable)."""
from datetime import date

import pytest

from events.patterns import RULES
from events.text import normalize
from events.timex import extract_timexes

DCT = date(2023, 9, 5)
EXAMPLES = [(rule.name, text, value) for rule in RULES for text, value in rule.examples]
COUNTERS = [(rule.name, text) for rule in RULES for text in rule.counter]


@pytest.mark.parametrize("rule_name,text,value", EXAMPLES, ids=[f"{r}:{t}" for r, t, _ in EXAMPLES])
def test_example_is_recognised_with_its_value(rule_name, text, value):
    timexes = extract_timexes(text, DCT)
    assert timexes, f"{text!r} not tagged"
    assert (value, rule_name) in [(t.value, t.rule) for t in timexes]


@pytest.mark.parametrize("rule_name,text", COUNTERS, ids=[f"{r}:{t}" for r, t in COUNTERS])
def test_counter_example_is_not_tagged_by_its_rule(rule_name, text):
    assert not [t for t in extract_timexes(text, DCT) if t.rule == rule_name]


def test_every_rule_has_an_example():
    assert [r.name for r in RULES if not r.examples] == []


def test_rule_names_are_unique():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_regex_compiles_against_normalised_text(rule):
    assert rule.regex.search(normalize(rule.examples[0][0]).text)
