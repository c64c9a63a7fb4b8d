from __future__ import annotations

import pytest

from tenpoint.lib.xlsform.expressions import ExpressionError, parse


@pytest.mark.parametrize("text, answers, expected", [
    ("${fear} = 'yes'", {"fear": "yes"}, True),
    ("${fear} = 'yes'", {"fear": "no"}, False),
    ("${age} < 18", {"age": 15}, True),
    ("${age} < 18", {"age": None}, False),
    ("${age} < 18 and ${alone} = 'yes'", {"age": "16", "alone": "yes"}, True),
    ("selected(${reasons}, 'gangs') or selected(${reasons}, 'persecution')", {"reasons": "work gangs"}, True),
    ("count-selected(${abuse}) >= 2", {"abuse": ["kidnapping", "extortion"]}, True),
    ("not(selected(${abuse}, 'none'))", {"abuse": "none"}, False),
    ("${debt} > 1000 div 2", {"debt": 600}, True),
    ("string-length(${name}) > 0", {"name": ""}, False),
    ("if(${a} = 'x', 1, 2) = 2", {"a": "y"}, True),
    (". >= 0 and . <= 120", {}, True),
])
def test_it_evaluates_xlsform_expressions(text, answers, expected):
    assert parse(text).is_true(answers, current=30) is expected


def test_it_reports_which_answers_an_expression_reads():
    assert parse("${a} = 'yes' and (selected(${b}, 'x') or ${c} > 2)").references == {"a", "b", "c"}


@pytest.mark.parametrize("text", ["${a} = ", "selected(${a}, 'x'", "${a} === 'b'", "unknown_fn(${a})"])
def test_it_refuses_malformed_expressions_with_the_reason(text):
    with pytest.raises(ExpressionError):
        parse(text).evaluate({"a": "b"})
