"""The error summary above a form that came back: one line per field, its label and the message."""

from django.urls import reverse


def test_a_question_as_label_gets_no_colon_after_its_question_mark(world, login):
    url = reverse("lifeline:event_add", args=[world.client_a.pk])
    body = login(world.worker).post(url, {"title": ""}).content.decode()
    summary = body[body.index('id="form-errors"') :]
    summary = summary[: summary.index("</div>")]
    assert "Wat gebeurde er? " in summary
    assert "?:" not in summary
