"""The demo consent decisions: fictional, following the story networks, and loaded once."""

from kring.clients import consent
from kring.clients.models import Consent
from kring.demo import consent as demo_consent
from kring.demo import networks
from tests import factories


def test_it_adds_the_story_decisions_once_and_they_read_as_the_stories_say(world):
    ahmed = factories.make_client(team=world.team_a, given_name="Ahmed", family_name="El Idrissi")
    bianca = factories.make_client(team=world.team_a, given_name="Bianca", family_name="Hoekstra")

    def registrar(client):
        return world.worker

    networks.load(registrar)
    added = demo_consent.load(registrar)
    assert added == Consent.objects.count() > 0
    assert demo_consent.load(registrar) == 0  # a second run changes nothing

    sandra = ahmed.members.get(name="Ex-partner Sandra")
    mother = ahmed.members.get(name="Moeder Fatiha")
    assert consent.contact_warning(sandra).startswith("Begrensd")
    assert consent.contact_warning(mother) is None
    summaries = next(r for r in consent.consent_glance(bianca).purposes if r.purpose == "meeting_summary")
    assert summaries.state == "withdrawn"
    assert all(row.recorded_by == world.worker for row in Consent.objects.all())
