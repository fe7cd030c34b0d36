"""The demo's interventions, contributions and skills practice: believable, linked by name, loaded once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kring.clients.models import Client
from kring.demo import interventions as demo
from kring.demo import world
from kring.network.models import Member
from kring.support.models import Contribution, Intervention, SkillsPractice


def registrar_for(client):
    return client.key_workers.first() or world.User.objects.get(email="beheer@kring.test")


def counts():
    return Intervention.objects.count(), Contribution.objects.count(), SkillsPractice.objects.count()


@pytest.mark.django_db
def test_it_adds_the_stories_once_linked_to_the_members_by_name():
    world.load()
    Intervention.objects.all().delete()  # whatever the world loader already wired in, start from none
    Contribution.objects.all().delete()
    SkillsPractice.objects.all().delete()
    added = demo.load(registrar_for)
    expected = (
        sum(map(len, demo.INTERVENTIONS.values())),
        sum(map(len, demo.CONTRIBUTIONS.values())),
        sum(map(len, demo.SKILLS.values())),
    )
    assert counts() == expected and added == sum(expected)
    assert demo.load(registrar_for) == 0
    assert counts() == expected

    ahmed = Client.objects.get(given_name="Ahmed")
    youssef = Member.objects.get(client=ahmed, name="Broer Youssef")
    assert Intervention.objects.filter(client=ahmed, members=youssef).count() == 4
    # What Ahmed did for Youssef shows in the network, with a dated history row.
    assert "practical" in youssef.support_given
    assert any("practical" in row.support_given for row in youssef.history.all())
    for record in Intervention.objects.filter(client=ahmed):
        assert record.elements.exists()
        assert record.elements.first().organisation_id == ahmed.organisation_id
        assert record.date <= timezone.localdate()
    # Every name in the stories is a member of that client.
    for table, where in ((demo.INTERVENTIONS, 3), (demo.CONTRIBUTIONS, 2), (demo.SKILLS, 6)):
        for (given, family), rows in table.items():
            names = {m.name for m in Member.objects.filter(client__given_name=given, client__family_name=family)}
            for row in rows:
                assert set(row[where]) <= names, (given, row[where])
