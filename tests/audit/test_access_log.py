import pytest
from django.urls import reverse

from kring.audit.models import AccessLog, AppendOnlyError

LOG = reverse("audit:access_log")


def visit(world, login):
    """Some traffic: a worker of team A and one of the other organisation each open their client."""
    login(world.worker).get(reverse("clients:detail", args=[world.client_a.pk]))
    login(world.other_org_worker).get(reverse("clients:detail", args=[world.other_org_client.pk]))


def test_it_cannot_be_changed_or_deleted_through_the_application(world, login):
    visit(world, login)
    row = AccessLog.objects.filter(client=world.client_a).get()
    row.event = "iets anders"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=row.pk).update(event="x")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get(pk=row.pk).event == "clients.client.view"


def test_it_offers_no_page_that_changes_the_log(world, login):
    visit(world, login)
    count = AccessLog.objects.count()
    browser = login(world.org_admin)
    assert browser.post(LOG, {"client": world.client_a.pk}).status_code == 404
    # Only the admin's own look at the log was added.
    assert AccessLog.objects.count() == count


def test_it_shows_an_org_admin_the_log_of_their_own_organisation_only(world, login):
    visit(world, login)
    response = login(world.org_admin).get(LOG)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Wim Werker" in body
    assert "Eva Elders" not in body


def test_it_searches_the_log_by_client_and_by_user(world, login):
    visit(world, login)
    login(world.colleague).get(reverse("clients:detail", args=[world.client_a.pk]))
    login(world.other_team_worker).get(reverse("clients:detail", args=[world.client_b.pk]))
    browser = login(world.org_admin)
    by_client = browser.get(LOG, {"client": world.client_a.pk}).context["page"].object_list
    assert {row.user_name for row in by_client} == {"Wim Werker", "Cora Collega"}
    by_user = browser.get(LOG, {"user": world.other_team_worker.pk}).context["page"].object_list
    assert [(row.user_name, row.client_id) for row in by_user] == [("Bert Bteam", world.client_b.pk)]


def test_it_refuses_a_client_or_user_of_another_organisation_as_filter(world, login):
    visit(world, login)
    response = login(world.org_admin).get(LOG, {"client": world.other_org_client.pk})
    assert "client" in response.context["form"].errors
    assert "Olga" not in response.content.decode()


def test_it_explains_a_period_that_ends_before_it_starts(world, login):
    response = login(world.org_admin).get(LOG, {"since": "2026-05-01", "until": "2026-04-01"})
    assert "Deze datum ligt vóór de begindatum." in response.content.decode()


@pytest.mark.parametrize("who", ["worker", "team_lead", "researcher", "other_org_worker"])
def test_it_is_hidden_from_everyone_but_the_org_admin(world, login, who):
    assert login(getattr(world, who)).get(LOG).status_code == 404


def test_it_logs_looking_at_the_log(world, login):
    login(world.org_admin).get(LOG, {"client": world.client_a.pk})
    row = AccessLog.objects.get()
    assert (row.event, row.client_id, row.role) == ("audit.accesslog.search", world.client_a.pk, "org_admin")


def test_a_form_sent_back_with_its_messages_is_logged_as_a_reading_of_the_client(world, login):
    """Adding an action without a description: the form comes back with the network's names on it, which
    the views did not log before; the safety net writes one row for it, and none where a view logged."""
    from tests.network.factories import make_member

    make_member(world.client_a, name="Tante Rosalie", relation="other_family")
    browser = login(world.worker)
    start = AccessLog.objects.count()
    response = browser.post(reverse("work:action_add", args=[world.client_a.pk]), {"description": ""})
    assert response.status_code == 422 and "Tante Rosalie" in response.content.decode()
    rows = list(AccessLog.objects.order_by("pk")[start:].values_list("client_id", "event", "detail", "user_id"))
    shown_again = "POST work:action_add: form shown again"
    assert rows == [(world.client_a.pk, "clients.client.view", shown_again, world.worker.pk)]

    start = AccessLog.objects.count()
    assert browser.get(reverse("clients:detail", args=[world.client_a.pk])).status_code == 200
    assert list(AccessLog.objects.order_by("pk")[start:].values_list("event", flat=True)) == ["clients.client.view"]


def test_the_safety_net_writes_nothing_for_an_outsider(world, login):
    start = AccessLog.objects.count()
    browser = login(world.other_org_worker)
    assert browser.post(reverse("work:action_add", args=[world.client_a.pk]), {"description": ""}).status_code == 404
    assert not AccessLog.objects.order_by("pk")[start:].filter(client_id=world.client_a.pk).exists()


def test_the_log_writes_its_times_as_each_language_writes_dates(world, login):
    """'29 nov 2026 10:07:30' in Dutch (Django's 'M' wrote 'Nov'), '29 Nov 2026 10:07:30' in English."""
    from django.utils import timezone

    from kring.audit.log import Actor, log

    moment = timezone.localtime(log(Actor(user=world.worker), "clients.client.view", client=world.client_a).timestamp)
    dutch = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"][moment.month - 1]
    english = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][moment.month - 1]
    clock = f"{moment:%H:%M:%S}"
    browser = login(world.org_admin)
    assert f"{moment.day} {dutch} {moment.year} {clock}" in browser.get(reverse("audit:access_log")).content.decode()
    world.org_admin.language = "en"
    world.org_admin.save()
    browser = login(world.org_admin)
    assert f"{moment.day} {english} {moment.year} {clock}" in browser.get(reverse("audit:access_log")).content.decode()
