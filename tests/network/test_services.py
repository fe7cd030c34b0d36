import pytest
from django.core.exceptions import ValidationError

from kring.audit.log import Actor
from kring.audit.models import AccessLog
from kring.network import services
from kring.network.models import Link, Member
from kring.network.services import MemberData
from tests.network.factories import make_member


def actor(user):
    return Actor.system(user, reason="test")


def test_it_derives_the_sector_from_the_relation_unless_overridden(world):
    mother = services.member_create(
        actor=actor(world.worker), client=world.client_a, data=MemberData(name="Mama", relation="mother", circle=1)
    )
    coach = services.member_create(
        actor=actor(world.worker),
        client=world.client_a,
        data=MemberData(name="Coach", relation="professional", circle=3, sector="work"),
    )
    assert (mother.sector, coach.sector) == ("family", "work")
    assert [r.event for r in AccessLog.objects.order_by("pk")] == ["network.member.create"] * 2


@pytest.mark.parametrize("circle", [0, 4, -1])
def test_it_refuses_a_circle_outside_1_to_3(world, circle):
    with pytest.raises(ValidationError):
        services.member_create(
            actor=actor(world.worker),
            client=world.client_a,
            data=MemberData(name="X", relation="friend", circle=circle),
        )
    assert not Member.objects.exists()


def test_it_refuses_to_change_the_network_of_a_client_of_another_team(world):
    with pytest.raises(PermissionError):
        services.member_create(
            actor=actor(world.other_team_worker),
            client=world.client_a,
            data=MemberData(name="X", relation="friend", circle=1),
        )


def test_it_refuses_a_stale_move_and_keeps_the_first(world):
    member = make_member(world.client_a, circle=3)
    stale = member.version
    services.member_move(actor=actor(world.worker), member=member, circle=1, sector="friends", expected_version=stale)
    other_copy = Member.objects.get(pk=member.pk)
    other_copy.version = stale
    with pytest.raises(services.ConcurrentEditError):
        services.member_move(
            actor=actor(world.colleague), member=other_copy, circle=2, sector="family", expected_version=stale
        )
    member.refresh_from_db()
    assert (member.circle, member.sector) == (1, "friends")


def test_it_removes_a_member_with_their_links_and_can_put_them_back(world):
    a, b = make_member(world.client_a, name="A"), make_member(world.client_a, name="B")
    services.link_create(actor=actor(world.worker), client=world.client_a, member_a=b, member_b=a, kind="knows")
    services.member_remove(actor=actor(world.worker), member=a, expected_version=a.version)
    assert list(Member.objects.current().filter(client=world.client_a)) == [b]
    assert not Link.objects.exists()
    services.member_restore(actor=actor(world.worker), member=a)
    assert Member.objects.current().filter(client=world.client_a).count() == 2


def test_it_refuses_a_link_to_a_member_of_another_client(world):
    mine = make_member(world.client_a)
    theirs = make_member(world.client_b)
    with pytest.raises(ValidationError):
        services.link_create(
            actor=actor(world.worker), client=world.client_a, member_a=mine, member_b=theirs, kind="knows"
        )
    assert not Link.objects.exists()


def test_it_stores_a_pair_once_whichever_way_round(world):
    a, b = make_member(world.client_a), make_member(world.client_a)
    services.link_create(actor=actor(world.worker), client=world.client_a, member_a=b, member_b=a, kind="conflict")
    with pytest.raises(ValidationError, match="al met elkaar verbonden"):
        services.link_create(actor=actor(world.worker), client=world.client_a, member_a=a, member_b=b, kind="knows")
    link = Link.objects.get()
    assert (link.member_a, link.member_b, link.kind) == (a, b, "conflict")
