"""Twenty realistic people through the shipped questionnaire and rules: the exact flags suggested
and the services suggested once those flags are confirmed — and flags that must NOT appear."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tenpoint.lib.profiling.engine import load_ruleset, suggest_flags, suggest_referrals
from tenpoint.lib.xlsform.form import check_answers, read_form

SCREENING = Path(__file__).resolve().parents[3] / "screening"
FORM = read_form(SCREENING / "forms" / "profiling.xlsx")
RULES = load_ruleset(SCREENING / "rules" / "profiling-rules.yaml", question_names=FORM.input_names)

# An adult man who fears nothing, travels with his wife, and had an uneventful journey.
BASELINE: dict[str, Any] = {
    "interview_language": "spa", "interpreter_used": "no", "sex": "male", "age_years": 30, "age_in_doubt": "no",
    "nationality_declared": "HND", "languages_spoken": ["spa"], "country_recognises_as_national": "yes",
    "has_identity_document": "yes", "documents_held_by_other": "no", "reasons_for_leaving": ["economic"],
    "fear_of_return": "no", "recognised_refugee_elsewhere": "no", "previously_returned": "no",
    "journey_months": 1, "transit_experiences": ["none"], "rescued_at_sea": "no", "injured": "no",
    "travelling_with": ["spouse"], "separated_from_family": "no", "serious_medical_condition": "no",
    "disability": ["none"], "journey_arranged_by": "self", "owes_debt": "no", "free_to_leave": "yes",
    "work_promised": "no", "forced_work_or_sex": "no", "threatened_if_leaving": "no", "sgbv_disclosed": "no",
    "has_money_to_continue": "yes", "can_return_home": "yes", "intention": "move_on",
}
NO_FACTS: dict[str, Any] = {"fact_fear_of_return": "not_expressed", "fact_extra_continental": "no",
                            "fact_child_status": "", "fact_nationality_status": "known", "fact_sea_event": "",
                            "fact_at_detention_facility": "no", "fact_age": None}


def _profile(answers: dict[str, Any], facts: dict[str, Any] | None = None):
    checked, problems = check_answers(FORM, {**BASELINE, **answers})
    assert problems == [], problems
    combined_facts = {**NO_FACTS, **(facts or {})}
    flags = {s.flag for s in suggest_flags(RULES, checked, combined_facts)}
    referrals = {(r.service_kind, r.urgency) for r in suggest_referrals(RULES, flags, checked, combined_facts)}
    return flags, referrals


CASES = [
    pytest.param(  # 1
        "baseline: an economic migrant with his wife",
        {}, {}, set(), set(), {"possible_international_protection_need", "smuggled_migrant"}, id="economic-migrant"),
    pytest.param(  # 2
        "a 15-year-old boy from San Pedro Sula fleeing gang recruitment, alone",
        {"age_years": 15, "reasons_for_leaving": ["gangs"], "gang_threats": ["forced_recruitment", "death_threat"],
         "fear_of_return": "yes", "travelling_with": ["alone"], "caregiver_present": "no",
         "child_works_or_married": "no", "journey_arranged_by": "smuggler"}, {},
        {"possible_international_protection_need", "unaccompanied_child", "child_at_risk", "smuggled_migrant"},
        {("child_protection", "immediate"), ("shelter", "immediate"), ("family_tracing", "high"),
         ("asylum_authority", "high"), ("legal_aid", "normal")},
        {"separated_child", "possible_victim_of_trafficking"}, id="child-fleeing-gang-recruitment"),
    pytest.param(  # 3
        "a woman whose passport is held by an 'agent' who found her a job that turned out different",
        {"sex": "female", "age_years": 24, "documents_held_by_other": "yes", "documents_holder": "agent_smuggler",
         "owes_debt": "yes", "debt_holder": "recruiter", "work_promised": "yes", "conditions_different": "yes",
         "journey_arranged_by": "recruiter", "travelling_with": ["unrelated_adults"]}, {},
        {"possible_victim_of_trafficking", "woman_at_risk"},
        {("anti_trafficking_unit", "immediate"), ("shelter", "high"), ("psychosocial", "normal")},
        {"smuggled_migrant", "sgbv_survivor", "possible_international_protection_need"}, id="documents-held-by-agent"),
    pytest.param(  # 4
        "a Haitian family stranded in Panama without money, unable to go back",
        {"nationality_declared": "HTI", "languages_spoken": ["hat", "fra"], "travelling_with": ["spouse", "children"],
         "children_with_them": 3, "other_parent_present": "yes", "has_money_to_continue": "no",
         "can_return_home": "no", "intention": "undecided", "journey_arranged_by": "family"}, {},
        {"stranded"}, {("shelter", "high")}, {"single_parent", "extra_continental"}, id="family-stranded-without-money"),
    pytest.param(  # 5
        "a man who declares Somali nationality but speaks only Amharic; extra-continental in Costa Rica",
        {"nationality_declared": "SOM", "languages_spoken": ["amh"], "fear_of_return": "no",
         "journey_arranged_by": "smuggler", "journey_months": 14}, {"fact_extra_continental": "yes"},
        {"extra_continental", "smuggled_migrant"}, {("consular", "normal")},
        {"stateless_or_at_risk_of_statelessness"}, id="declares-one-nationality-speaks-another"),
    pytest.param(  # 6
        "a rescued and injured man from a sinking boat in the Gulf of Aden",
        {"rescued_at_sea": "yes", "injured": "yes", "transit_experiences": ["witnessed_death"],
         "reasons_for_leaving": ["conflict"], "fear_of_return": "yes", "nationality_declared": "ETH"},
        {"fact_sea_event": "rescue_in_distress"},
        {"rescued_at_sea", "serious_medical_condition", "possible_international_protection_need"},
        {("health", "immediate"), ("asylum_authority", "high"), ("legal_aid", "normal")},
        {"victim_of_crime_in_transit"}, id="rescued-and-injured"),
    pytest.param(  # 7
        "an Eritrean woman kidnapped for ransom in Sinai who discloses rape",
        {"sex": "female", "age_years": 27, "nationality_declared": "ERI", "reasons_for_leaving": ["persecution"],
         "persecution_grounds": ["political_opinion"], "fear_of_return": "yes",
         "transit_experiences": ["kidnapping", "sexual_violence", "extortion"], "detention_months_in_transit": 4,
         "tortured": "yes", "sgbv_disclosed": "yes", "sgbv_incident_types": ["rape"], "travelling_with": ["alone"]}, {},
        {"possible_international_protection_need", "victim_of_crime_in_transit", "sgbv_survivor", "torture_survivor",
         "woman_at_risk"},
        {("health", "immediate"), ("asylum_authority", "high"), ("psychosocial", "high"), ("shelter", "high"),
         ("legal_aid", "normal")},
        {"possible_victim_of_trafficking"}, id="kidnapped-for-ransom-rape-disclosed"),
    pytest.param(  # 8
        "a separated 16-year-old girl travelling with her uncle",
        {"sex": "female", "age_years": 16, "travelling_with": ["other_relatives"], "caregiver_present": "no",
         "child_works_or_married": "no"}, {},
        {"separated_child"}, {("child_protection", "immediate"), ("family_tracing", "high")},
        {"unaccompanied_child", "woman_at_risk"}, id="separated-girl-with-uncle"),
    pytest.param(  # 9
        "a young man claiming to be 17 whose age the officer doubts",
        {"age_years": 17, "age_in_doubt": "yes", "travelling_with": ["alone"], "caregiver_present": "no",
         "child_works_or_married": "no"}, {},
        {"age_in_doubt", "unaccompanied_child"},
        {("child_protection", "immediate"), ("shelter", "immediate"), ("family_tracing", "high")},
        set(), id="age-in-doubt"),
    pytest.param(  # 10
        "a single mother from El Salvador with two children, fleeing gang extortion",
        {"sex": "female", "age_years": 32, "nationality_declared": "SLV", "reasons_for_leaving": ["gangs"],
         "gang_threats": ["extortion", "death_threat"], "fear_of_return": "yes", "travelling_with": ["children"],
         "children_with_them": 2, "other_parent_present": "no"}, {},
        {"possible_international_protection_need", "single_parent"},
        {("asylum_authority", "high"), ("legal_aid", "normal"), ("shelter", "normal")},
        {"woman_at_risk", "child_at_risk"}, id="single-mother-fleeing-extortion"),
    pytest.param(  # 11
        "a Venezuelan recognised as a refugee in Ecuador, moving on",
        {"nationality_declared": "VEN", "recognised_refugee_elsewhere": "yes", "country_of_recognition": "ECU",
         "fear_of_return": "yes", "reasons_for_leaving": ["generalised_violence"]}, {},
        {"secondary_movement_of_recognised_refugee", "possible_international_protection_need"},
        {("asylum_authority", "high"), ("legal_aid", "normal")},
        {"returnee"}, id="recognised-refugee-moving-on"),
    pytest.param(  # 12
        "a stateless Rohingya man whom no country recognises",
        {"nationality_declared": "", "country_recognises_as_national": "no", "languages_spoken": ["ben", "other"],
         "fear_of_return": "yes", "reasons_for_leaving": ["persecution"], "persecution_grounds": ["race_ethnicity", "religion"]},
        {"fact_nationality_status": "stateless"},
        {"stateless_or_at_risk_of_statelessness", "possible_international_protection_need"},
        {("asylum_authority", "high"), ("legal_aid", "normal")},
        {"extra_continental"}, id="stateless"),
    pytest.param(  # 13
        "a 67-year-old woman alone, with walking difficulty and diabetes",
        {"sex": "female", "age_years": 67, "older_person_has_support": "no", "travelling_with": ["alone"],
         "disability": ["walking"], "serious_medical_condition": "yes"}, {},
        {"older_person_at_risk", "disability", "serious_medical_condition", "woman_at_risk"},
        {("health", "immediate"), ("shelter", "high")},
        {"possible_international_protection_need"}, id="older-woman-alone"),
    pytest.param(  # 14
        "a pregnant Cuban woman with her husband",
        {"sex": "female", "age_years": 26, "nationality_declared": "CUB", "pregnant": "yes", "travelling_with": ["spouse"]},
        {}, {"pregnancy"}, {("health", "normal")}, {"woman_at_risk", "serious_medical_condition"}, id="pregnant-woman"),
    pytest.param(  # 15
        "a Guatemalan man deported twice, trying again, who wants to go home now",
        {"nationality_declared": "GTM", "previously_returned": "yes", "has_money_to_continue": "no",
         "can_return_home": "no", "intention": "return", "journey_arranged_by": "smuggler",
         "transit_experiences": ["abandoned", "robbery"]}, {},
        {"returnee", "stranded", "smuggled_migrant", "victim_of_crime_in_transit"},
        {("shelter", "high"), ("assisted_voluntary_return", "normal"), ("legal_aid", "normal")},
        {"possible_international_protection_need"}, id="returnee-wants-to-go-home"),
    pytest.param(  # 16
        "a man held 45 days in a detention centre",
        {"days_held_here": 45}, {"fact_at_detention_facility": "yes"},
        {"prolonged_detention"}, {("legal_aid", "high")}, {"child_in_detention"}, id="prolonged-detention"),
    pytest.param(  # 17
        "a 14-year-old held in a detention facility with his father",
        {"age_years": 14, "travelling_with": ["parents"], "caregiver_present": "yes", "child_works_or_married": "no",
         "days_held_here": 3}, {"fact_at_detention_facility": "yes"},
        {"child_in_detention"}, {("child_protection", "immediate"), ("legal_aid", "immediate")},
        {"unaccompanied_child", "separated_child", "prolonged_detention"}, id="child-in-detention"),
    pytest.param(  # 18
        "a Bangladeshi man in debt bondage to a recruiter who locks him in",
        {"nationality_declared": "BGD", "languages_spoken": ["ben"], "owes_debt": "yes", "debt_holder": "recruiter",
         "free_to_leave": "no", "threatened_if_leaving": "yes", "journey_arranged_by": "recruiter"},
        {"fact_extra_continental": "yes"},
        {"possible_victim_of_trafficking", "extra_continental"},
        {("anti_trafficking_unit", "immediate"), ("shelter", "high"), ("psychosocial", "normal"), ("consular", "normal")},
        {"smuggled_migrant"}, id="debt-bondage"),
    pytest.param(  # 19
        "a Congolese man tortured in detention at home, who fears return; consular contact never suggested",
        {"nationality_declared": "COD", "languages_spoken": ["lin", "fra"], "reasons_for_leaving": ["persecution"],
         "persecution_grounds": ["political_opinion"], "fear_of_return": "yes", "tortured": "yes"},
        {"fact_extra_continental": "yes"},
        {"possible_international_protection_need", "torture_survivor", "extra_continental"},
        {("asylum_authority", "high"), ("health", "high"), ("psychosocial", "high"), ("legal_aid", "normal")},
        {"victim_of_crime_in_transit"}, id="torture-survivor-no-consular"),
    pytest.param(  # 20
        "a father separated from his wife in the Darién jungle, registered with fear expressed at entry",
        {"nationality_declared": "VEN", "separated_from_family": "yes", "travelling_with": ["children"],
         "children_with_them": 1, "other_parent_present": "no"}, {"fact_fear_of_return": "expressed"},
        {"family_separation", "single_parent", "possible_international_protection_need"},
        {("family_tracing", "normal"), ("shelter", "normal"), ("asylum_authority", "high"), ("legal_aid", "normal")},
        {"stranded"}, id="father-separated-in-darien"),
    pytest.param(  # 21
        "a boy registered as unaccompanied though he says a cousin travels with him",
        {"age_years": 12, "travelling_with": ["other_relatives"], "caregiver_present": "no", "child_works_or_married": "no"},
        {"fact_child_status": "unaccompanied", "fact_age": 12},
        {"unaccompanied_child", "separated_child"},
        {("child_protection", "immediate"), ("shelter", "immediate"), ("family_tracing", "high")},
        set(), id="registry-and-answers-disagree"),
]


@pytest.mark.parametrize("story, answers, facts, expected_flags, expected_referrals, absent_flags", CASES)
def test_profiling_suggests_exactly_these_flags_and_referrals(story, answers, facts, expected_flags,
                                                              expected_referrals, absent_flags):
    flags, referrals = _profile(answers, facts)
    assert flags == expected_flags, story
    assert not (flags & absent_flags), story
    assert referrals == expected_referrals, story


def test_every_suggestion_says_which_answers_triggered_it_and_the_guidance():
    checked, _ = check_answers(FORM, {**BASELINE, "age_years": 15, "travelling_with": ["alone"],
                                      "caregiver_present": "no", "child_works_or_married": "no"})
    suggestion = next(s for s in suggest_flags(RULES, checked, NO_FACTS) if s.flag == "unaccompanied_child")
    assert suggestion.rule_id == "UAC-01"
    assert suggestion.evidence == {"age_years": 15, "travelling_with": ["alone"]}
    assert "Guiding Principles" in suggestion.guidance
    assert suggestion.also_triggered_by == ["UAC-02"]


def test_unconfirmed_flags_call_for_no_service():
    checked, _ = check_answers(FORM, {**BASELINE, "fear_of_return": "yes"})
    assert suggest_referrals(RULES, [], checked, NO_FACTS) == []


def test_sensitive_flags_carry_their_category():
    assert RULES.flags["sgbv_survivor"].sensitive_category == "sgbv"
    assert RULES.flags["possible_victim_of_trafficking"].sensitive_category == "trafficking"
    assert RULES.flags["smuggled_migrant"].sensitive_category == ""
