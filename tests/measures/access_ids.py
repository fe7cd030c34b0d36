"""How the access sweep finds an object of team A for each URL of this part that takes an id."""


def _response(w):
    from kring.measures.models import QuestionnaireResponse

    if "questionnaire_response_a" not in w.__dict__:
        w.questionnaire_response_a = QuestionnaireResponse.objects.create(
            client=w.client_a,
            questionnaire="djg6",
            definition_version=1,
            language="nl",
            date=w.client_a.intake_date,
            answers={"emptiness": "yes"},
            created_by=w.worker,
        )
    return w.questionnaire_response_a


_RESPONSE_URLS = ["response", "edit", "remove"]
_CLIENT_URLS = ["list", "questionnaire", "fill", "response", "edit", "remove"]

ID_FOR = {
    **{(f"questionnaires:{name}", "pk"): (lambda w: w.client_a.pk) for name in _CLIENT_URLS},
    ("questionnaires:questionnaire", "key"): lambda w: "djg6",
    ("questionnaires:fill", "key"): lambda w: "djg6",
    **{(f"questionnaires:{name}", "response_pk"): (lambda w: _response(w).pk) for name in _RESPONSE_URLS},
}
