"""Lists on the pages are punctuated as the reader's language does, and stay escaped."""

from django.template import Context, Template
from django.utils import translation


def render(source: str, **values: object) -> str:
    return Template("{% load tenpoint %}" + source).render(Context(values))


def test_a_list_is_joined_as_the_readers_language_lists_things():
    reasons = ["“Jaime” exact", "same year of birth (1992)"]
    with translation.override("en"):
        assert render("{{ r|clauses }}", r=reasons) == "“Jaime” exact; same year of birth (1992)"
        assert render("{{ r|listing }}", r=["UNHCR", "IOM"]) == "UNHCR, IOM"
    with translation.override("ar"):
        assert render("{{ r|clauses }}", r=reasons) == "“Jaime” exact؛ same year of birth (1992)"
        assert render("{{ r|listing }}", r=["UNHCR", "IOM"]) == "UNHCR، IOM"
    with translation.override("fr"):
        assert render("{{ r|clauses }}", r=reasons) == "“Jaime” exact ; same year of birth (1992)"


def test_the_items_of_a_list_are_escaped_and_an_empty_list_takes_the_default():
    assert render("{{ r|listing }}", r=["<b>Ana</b>", "O'Neil"]) == "&lt;b&gt;Ana&lt;/b&gt;, O&#x27;Neil"
    assert render('{{ r|listing|default:"—" }}', r=[]) == "—"
    assert render("{% autoescape off %}{{ r|listing }}{% endautoescape %}", r=["<b>"]) == "<b>"


def test_a_json_list_in_the_audit_log_is_listed_in_the_readers_language():
    with translation.override("ar"):
        assert render("{{ v|plain_value }}", v={"criteria": ["name", "birth_year"], "results": 2}) \
            == "criteria: name، birth_year؛ results: 2"
