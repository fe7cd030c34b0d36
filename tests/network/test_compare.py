from kring.network.compare import MemberState, compare


def state(id, name="Iemand", circle=2, sector="friends", tie="supportive", status="active", **kw):
    return MemberState(
        id=id, name=name, relation="friend", sector=sector, circle=circle, tie_quality=tie, status=status, **kw
    )


def test_it_reports_added_removed_moved_and_changed_members_once_each():
    before = {1: state(1, "Ans"), 2: state(2, "Bob", circle=3), 3: state(3, "Cas"), 4: state(4, "Dirk")}
    after = {
        2: state(2, "Bob", circle=1),
        3: state(3, "Cas", status="dormant"),
        4: state(4, "Dirk"),
        5: state(5, "Eva"),
    }
    changes = compare(before, after)
    assert [(c.kind, c.member.name) for c in changes] == [
        ("added", "Eva"),
        ("removed", "Ans"),
        ("moved", "Bob"),
        ("changed", "Cas"),
    ]
    moved = changes[2]
    assert moved.moved_circle and moved.closer and not moved.moved_sector
    assert changes[3].changed_fields == ("status",)


def test_it_reports_nothing_for_the_same_network():
    network = {1: state(1), 2: state(2)}
    assert compare(network, dict(network)) == []


def test_it_keeps_a_field_change_on_a_member_who_also_moved():
    changes = compare({1: state(1, tie="mixed", circle=2)}, {1: state(1, tie="stressful", circle=3)})
    assert [(c.kind, c.changed_fields, c.closer) for c in changes] == [("moved", ("tie_quality",), False)]
