"""The selectors the member page and the timeline use: current records only, and a constant number of queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.support.catalogue import elements_for, modes_for
from kring.support.interventions import (
    contributions_for_client,
    contributions_for_member,
    interventions_for_client,
    interventions_for_member,
    skills_for_client,
    skills_for_member,
)
from kring.support.models import Contribution, Intervention, SkillsPractice
from tests.network.factories import make_member


def fill(world, count, member, other):
    elements, modes = elements_for(world.org), modes_for(world.org)
    for i in range(count):
        common = {"client": world.client_a, "created_by": world.worker, "date": date(2026, 1, 1 + i % 28)}
        intervention = Intervention.objects.create(mode=modes[i % len(modes)], **common)
        intervention.elements.set(elements[: 1 + i % 3])
        intervention.members.set([member, other] if i % 2 else [member])
        contribution = Contribution.objects.create(description=f"Hulp {i}", support_kinds=["practical"], **common)
        contribution.members.set([member])
        practice = SkillsPractice.objects.create(situation=f"Situatie {i}", **common)
        practice.members.set([member, other])


def read_all(records):
    """Everything a list shows of each record."""
    for record in records:
        str(record.created_by)
        for name in ("elements", "members"):
            if hasattr(record, name):
                [str(x) for x in getattr(record, name).all()]
        if isinstance(record, Intervention):
            str(record.mode)


@pytest.mark.parametrize("count", [2, 30])
def test_the_member_selectors_use_a_constant_number_of_queries(world, count, django_assert_num_queries):
    mama, broer = make_member(world.client_a, name="Mama"), make_member(world.client_a, name="Broer")
    fill(world, count, mama, broer)
    # Per kind: the records (with mode and writer), then one query per many-to-many field.
    with django_assert_num_queries(3 + 2 + 2):
        read_all(interventions_for_member(mama))
        read_all(contributions_for_member(mama))
        read_all(skills_for_member(mama))


def test_the_selectors_give_current_records_of_that_member_newest_first(world):
    mama, broer = make_member(world.client_a, name="Mama"), make_member(world.client_a, name="Broer")
    fill(world, 4, mama, broer)
    Intervention.objects.filter(date=date(2026, 1, 4)).update(removed_at=timezone.now())
    assert [r.date.day for r in interventions_for_member(broer)] == [2]
    assert [r.date.day for r in interventions_for_member(mama)] == [3, 2, 1]
    assert len(contributions_for_member(broer)) == 0
    assert len(contributions_for_member(mama)) == 4
    assert len(skills_for_member(broer)) == 4
    assert len(interventions_for_client(world.client_a)) == 3
    assert len(contributions_for_client(world.client_b)) == 0
    assert len(skills_for_client(world.client_a)) == 4


@pytest.mark.parametrize("count", [2, 30])
def test_the_add_page_uses_the_same_number_of_queries_for_2_and_30_members(
    world, login, count, django_assert_num_queries
):
    for i in range(count):
        make_member(
            world.client_a,
            name=f"Naaste {i}",
            status="limited" if i % 5 == 0 else "active",
            limit_reason="unsafe" if i % 5 == 0 else "",
        )
    browser = login(world.worker)
    url = reverse("interventions:intervention_add", args=[world.client_a.pk])
    browser.get(url)
    # Session, user, OTP device, memberships, client, the access-log row (organisation, insert), "defaults
    # seeded?" (savepoint, 2 checks, release), the chips (elements, forms, members), the explanation list,
    # who may not be contacted (members, consents, the log row), and the session save.
    with django_assert_num_queries(21):
        assert browser.get(url).status_code == 200
