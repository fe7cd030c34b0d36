from io import StringIO

import pytest
from django.core.management import call_command

from kring import policy
from kring.accounts.models import Location, Organisation, Team, User
from kring.clients.models import Client
from kring.demo import world
from kring.network.models import Member


def run_demo(*args) -> str:
    out = StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    return out.getvalue()


def counts():
    return (
        Organisation.objects.count(),
        Location.objects.count(),
        Team.objects.count(),
        User.objects.count(),
        Client.objects.count(),
        Member.objects.count(),
    )


@pytest.mark.django_db
def test_it_loads_the_demo_world_once_however_often_it_runs():
    output = run_demo()
    first = counts()
    assert first[:5] == (2, 3, 4, 7, 25)
    assert first[5] > 10
    run_demo()
    assert counts() == first
    for login in world.LOGINS:
        assert login.email in output
    assert world.DEMO_PASSWORD in output
    assert "fictional" in output


@pytest.mark.django_db
def test_it_shows_the_demo_worker_only_team_a():
    run_demo()
    worker = User.objects.get(email="werker@kring.test")
    teams = {c.team.name for c in policy.clients_visible_to(worker).select_related("team")}
    assert teams == {"Team A"}
    other = User.objects.get(email="werker@anders.test")
    assert {c.organisation.name for c in policy.clients_visible_to(other).select_related("organisation")} == {
        world.OTHER_ORG
    }
    assert not policy.clients_visible_to(User.objects.get(email="onderzoek@kring.test")).exists()


@pytest.mark.django_db
def test_it_gives_demo_networks_a_history_to_compare():
    run_demo()
    ahmed = Client.objects.get(given_name="Ahmed")
    assert Member.history.filter(client_id=ahmed.pk).values("history_date__date").distinct().count() > 3


@pytest.mark.django_db
def test_it_marks_every_demo_organisation_as_fictional():
    run_demo()
    assert all("(demo)" in name for name in Organisation.objects.values_list("name", flat=True))
    assert all(email.endswith(".test") for email in User.objects.values_list("email", flat=True))
