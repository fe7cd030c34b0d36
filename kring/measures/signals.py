"""Signals: transparent rules that ask for attention to a client's network, configurable per organisation.

Every rule is data (:class:`Rule`): a key, a plain title, why it matters, what the worker could do, a
default threshold where it has one. An organisation turns a rule off or moves its threshold
(:class:`~kring.measures.models.SignalSetting`); :func:`settings_for` gives the rules as that organisation
uses them.

One rule, two evaluations that must agree:

- **One client** (the client's overview): :func:`client_signals` reads the client's newest network figures,
  their naasten with their latest load check and the open actions, then the pure :func:`evaluate` decides
  and names the members a signal is about.
- **Many clients** (the team's list, the dashboards): :func:`annotate_signals` adds one boolean per enabled
  rule to a clients queryset (``signal_<key>``), as subqueries, so the number of queries never grows with
  the number of clients; :func:`open_signal_counts` counts them in one aggregate. Each rule refers to each of
  its subqueries once: SQLite and PostgreSQL run a subquery again for every reference to it.

Rules 1, 2, 3, 7 and 8 read the client's newest :class:`~kring.measures.models.NetworkFigures` row (no row:
no network on the map, no signal). The load check, the actions and the review rhythm are read from their
own tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import BooleanField as BooleanModelField
from django.db.models import Case, Count, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.measures.models import NetworkFigures, SignalSetting
from kring.network.models import MappingSession, Member, MemberStatus, Sector, Support
from kring.support.load import CARRIER_MIN_KINDS, HIGH_LOAD
from kring.support.models import Action, ActionStatus, LoadCheck, Review
from kring.support.review import ReviewDue, add_months

NO_INNER_CIRCLE = "no_inner_circle"
MOSTLY_PROFESSIONAL = "mostly_professional"
MAIN_SUPPORTER = "main_supporter"
LOAD_HIGH = "load_high"
RESTORE_WITHOUT_ACTION = "restore_without_action"
REVIEW_OVERDUE = "review_overdue"
NO_EMERGENCY_CONTACT = "no_emergency_contact"
PLACE_TO_STAY = "place_to_stay"

# A share is stored as a float (3/6 = 0.5); compare it to a whole percentage with a little room, so that
# 0.7 is "at least 70 %" on every database.
SHARE_EPSILON = 1e-9

# Where to check what the kostendelersnorm means for a host's benefit. Addresses seen on the sites themselves,
# not guessed: the government's page on bijstand (paid by the gemeente), the Sociale Verzekeringsbank (AOW,
# the AIO supplement, Anw), and a plain explanation for people who take someone in (MantelzorgNL).
BIJSTAND_URL = "https://www.rijksoverheid.nl/onderwerpen/bijstand"
SVB_URL = "https://www.svb.nl/"
LIVING_TOGETHER_URL = "https://www.mantelzorg.nl/onderwerpen/geldzaken/samenwonen-met-aow-of-anw/"


@dataclass(frozen=True)
class Rule:
    """One signal rule as the worker and the admin read it.

    ``threshold`` is the default; ``threshold_min``/``threshold_max`` its allowed range and ``unit`` what the
    number means ("%" or "van 10"). A rule without a threshold has ``threshold`` None.
    """

    key: str
    title: str
    why: str
    what_to_do: str
    rule_text: str  # the rule in one plain sentence, with {threshold} where it has one
    threshold: int | None = None
    threshold_min: int | None = None
    threshold_max: int | None = None
    unit: str = ""
    enabled: bool = True

    @property
    def has_threshold(self) -> bool:
        return self.threshold is not None


RULES: tuple[Rule, ...] = (
    Rule(
        NO_INNER_CIRCLE,
        title=_("Niemand heel dichtbij"),
        why=_("Mensen heel dichtbij helpen om vol te houden en geven steun als het moeilijk is."),
        what_to_do=_("Vraag wie er vroeger dichtbij was en met wie de cliënt weer contact zou willen."),
        rule_text=_("Er staat niemand met echt contact in de binnenste cirkel van de netwerkkaart."),
    ),
    Rule(
        MOSTLY_PROFESSIONAL,
        title=_("Bijna alleen hulpverleners"),
        why=_("Hulpverleners gaan weer weg. Familie, vrienden en buren blijven vaak langer."),
        what_to_do=_("Zoek samen naar mensen buiten de hulpverlening: van vroeger, uit de buurt of van activiteiten."),
        rule_text=_("Minstens {threshold} % van de mensen op de netwerkkaart is hulpverlener."),
        threshold=70,
        threshold_min=1,
        threshold_max=100,
        unit="%",
    ),
    Rule(
        MAIN_SUPPORTER,
        title=_("Veel steun bij één persoon"),
        why=_("Als één naaste bijna alles doet, kan het te zwaar worden. Valt die weg, dan valt veel weg."),
        what_to_do=_("Vraag die naaste hoe zwaar het is en kijk samen wie nog meer iets kan doen."),
        rule_text=_(
            "Eén naaste geeft minstens {threshold} % van alle steun en minstens drie soorten steun. "
            "Geven twee mensen evenveel, dan is er geen signaal."
        ),
        threshold=50,
        threshold_min=1,
        threshold_max=100,
        unit="%",
    ),
    Rule(
        LOAD_HIGH,
        title=_("Een naaste vindt het zwaar"),
        why=_("Een naaste die overbelast raakt, kan afhaken. Op tijd steun regelen voorkomt dat."),
        what_to_do=_("Vraag wat te veel is en wat zou helpen. Wijs op steun voor naasten."),
        rule_text=_("De laatste belastingcheck van een naaste is {threshold} van 10 of zwaarder."),
        threshold=HIGH_LOAD,
        threshold_min=1,
        threshold_max=10,
        unit=_("van 10"),
    ),
    Rule(
        RESTORE_WITHOUT_ACTION,
        title=_("Contact herstellen, maar nog geen actie"),
        why=_("De cliënt wil het contact herstellen. Zonder afspraak blijft dat vaak liggen."),
        what_to_do=_("Spreek samen een eerste kleine stap af."),
        rule_text=_("Bij iemand met wie de cliënt weer contact wil, staat geen open actie."),
    ),
    Rule(
        REVIEW_OVERDUE,
        title=_("Netwerkbespreking te laat"),
        why=_("Een netwerk verandert. Samen terugkijken laat zien wat gegroeid is en wat aandacht nodig heeft."),
        what_to_do=_("Plan een netwerkbespreking met de cliënt."),
        rule_text=_("De datum voor de volgende netwerkbespreking is voorbij."),
    ),
    Rule(
        NO_EMERGENCY_CONTACT,
        title=_("Geen noodcontact"),
        why=_("Als er iets gebeurt, moet duidelijk zijn wie je mag bellen."),
        what_to_do=_("Vraag: op wie kunnen we terugvallen als er iets met je gebeurt?"),
        rule_text=_("Er staan mensen op de netwerkkaart, maar niemand is noodcontact."),
    ),
    Rule(
        PLACE_TO_STAY,
        title=_("Iemand biedt een plek om te slapen"),
        why=_("Wie iemand in huis neemt, kan daardoor minder uitkering krijgen: de kostendelersnorm."),
        what_to_do=_("Zoek het samen uit voordat iemand intrekt. Dit is geen oordeel, maar informatie."),
        rule_text=_("Een naaste biedt de cliënt een plek om te slapen."),
    ),
)
RULE_BY_KEY: dict[str, Rule] = {rule.key: rule for rule in RULES}
KEYS: tuple[str, ...] = tuple(RULE_BY_KEY)


# --- settings -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSetting:
    """A rule as one organisation uses it."""

    rule: Rule
    enabled: bool
    threshold: int | None

    @property
    def key(self) -> str:
        return self.rule.key

    @property
    def rule_text(self) -> str:
        return str(self.rule.rule_text).format(threshold=self.threshold)


def threshold_is_valid(rule: Rule, value: int | None) -> bool:
    if not rule.has_threshold:
        return value is None
    return value is not None and rule.threshold_min <= value <= rule.threshold_max


def resolve_settings(rows: Iterable[tuple[str, bool, int | None]]) -> dict[str, RuleSetting]:
    """Every rule with the organisation's choice applied, in the order of :data:`RULES`.

    ``rows`` are (key, enabled, threshold). Unknown keys are ignored; a missing or impossible threshold
    falls back to the rule's default, so a stray row never breaks a page.
    """
    chosen = {key: (enabled, threshold) for key, enabled, threshold in rows if key in RULE_BY_KEY}
    settings = {}
    for rule in RULES:
        enabled, threshold = chosen.get(rule.key, (rule.enabled, rule.threshold))
        if not threshold_is_valid(rule, threshold):
            threshold = rule.threshold
        settings[rule.key] = RuleSetting(rule, bool(enabled), threshold)
    return settings


def settings_for(organisation) -> dict[str, RuleSetting]:
    """The rules as ``organisation`` uses them: the defaults, overridden by its SignalSetting rows. One query."""

    rows = SignalSetting.objects.filter(organisation=organisation).values_list("key", "enabled", "threshold")
    return resolve_settings(rows)


def enabled(settings: Mapping[str, RuleSetting]) -> list[RuleSetting]:
    return [setting for setting in settings.values() if setting.enabled]


# --- pure rules on plain data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """The columns of a client's newest NetworkFigures row that the rules read."""

    size: int
    inner_circle: int
    professional: int
    emergency_contact: bool
    main_supporter_share: float | None
    main_supporter_kinds: int
    place_to_stay: bool


@dataclass(frozen=True)
class MemberRef:
    """A member a signal is about, with what the card says of them."""

    id: int
    name: str
    heaviness: int | None = None  # their latest load check
    day: dt.date | None = None  # its date


@dataclass(frozen=True)
class ClientFacts:
    """What the rules need of one client, as plain data.

    ``naasten_loads``: the client's current naasten (no professionals, not deceased) with a load check, their
    latest heaviness. ``restore_without_action``: members the client wants to restore contact with and
    for whom no action is open. ``main_supporter`` / ``hosts``: who the figures' main supporter and place to
    stay are, when the caller knows (for the card; the rules themselves read the figures).
    """

    figures: Figures | None
    naasten_loads: tuple[MemberRef, ...] = ()
    restore_without_action: tuple[MemberRef, ...] = ()
    review: ReviewDue | None = None
    main_supporter: MemberRef | None = None
    hosts: tuple[MemberRef, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One open signal for a client."""

    setting: RuleSetting
    members: tuple[MemberRef, ...] = ()
    numbers: Mapping[str, object] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.setting.key

    @property
    def rule(self) -> Rule:
        return self.setting.rule

    @property
    def kostendelers(self) -> dict[str, str]:
        """Where to check the kostendelersnorm (for the place-to-stay signal)."""
        return {"bijstand": BIJSTAND_URL, "svb": SVB_URL, "living_together": LIVING_TOGETHER_URL}


def share_reaches(share: float | None, percent: int) -> bool:
    return share is not None and share >= percent / 100 - SHARE_EPSILON


def is_mostly_professional(figures: Figures, percent: int) -> bool:
    # Whole numbers on both sides: professional / size >= percent / 100, without rounding.
    return figures.size > 0 and figures.professional * 100 >= percent * figures.size


def evaluate(facts: ClientFacts, settings: Mapping[str, RuleSetting]) -> list[Hit]:
    """The open signals of one client, in the order of :data:`RULES`, for the enabled rules only."""
    hits: list[Hit] = []
    f = facts.figures
    mapped = f is not None and f.size > 0
    for setting in enabled(settings):
        key, t = setting.key, setting.threshold
        if key == NO_INNER_CIRCLE and mapped and f.inner_circle == 0:
            hits.append(Hit(setting, numbers={"size": f.size}))
        elif key == MOSTLY_PROFESSIONAL and f is not None and is_mostly_professional(f, t):
            hits.append(Hit(setting, numbers={"professional": f.professional, "size": f.size}))
        elif (
            key == MAIN_SUPPORTER
            and f is not None
            and f.main_supporter_kinds >= CARRIER_MIN_KINDS
            and share_reaches(f.main_supporter_share, t)
        ):
            members = (facts.main_supporter,) if facts.main_supporter else ()
            numbers = {"percent": round(f.main_supporter_share * 100), "kinds": f.main_supporter_kinds}
            hits.append(Hit(setting, members=members, numbers=numbers))
        elif key == LOAD_HIGH:
            heavy = [m for m in facts.naasten_loads if m.heaviness is not None and m.heaviness >= t]
            if heavy:
                heavy.sort(key=lambda m: (-m.heaviness, m.name.casefold(), m.id))
                hits.append(Hit(setting, members=tuple(heavy)))
        elif key == RESTORE_WITHOUT_ACTION and facts.restore_without_action:
            hits.append(Hit(setting, members=facts.restore_without_action))
        elif key == REVIEW_OVERDUE and facts.review is not None and facts.review.overdue:
            hits.append(Hit(setting, numbers={"due_on": facts.review.due_on, "never": facts.review.never}))
        elif key == NO_EMERGENCY_CONTACT and mapped and not f.emergency_contact:
            hits.append(Hit(setting))
        elif key == PLACE_TO_STAY and f is not None and f.place_to_stay:
            hits.append(Hit(setting, members=facts.hosts))
    return hits


def review_cutoff(today: dt.date, interval_months: int) -> dt.date:
    """The earliest last-review date whose next review (``interval_months`` later) is not overdue today.

    So "overdue" is ``last < review_cutoff(today, months)``, a comparison a database can make per client.
    :func:`kring.support.review.add_months` never decreases, so that date exists; it lies within a few
    days of "today minus the interval" (the 31st of a month shortens to the 30th or 28th).
    """
    day = add_months(today, -interval_months) - dt.timedelta(days=4)
    while add_months(day, interval_months) < today:
        day += dt.timedelta(days=1)
    return day


def top_supporter(supports: Sequence[tuple[int, str, frozenset[str]]]) -> MemberRef | None:
    """The one naaste who gives the most kinds of support (as the figures' main supporter), or None on a tie."""

    valid = set(Support.values)
    counted = sorted(
        ((len(kinds & valid), member_id, name) for member_id, name, kinds in supports if kinds & valid),
        key=lambda c: -c[0],
    )
    if not counted or (len(counted) > 1 and counted[0][0] == counted[1][0]):
        return None
    return MemberRef(counted[0][1], counted[0][2])


# --- many clients in the database ------------------------------------------------------------------------


def _figures():

    return NetworkFigures.objects.latest().filter(client=OuterRef("pk"))


def _latest_heaviness():

    return Subquery(
        LoadCheck.objects.current().filter(member=OuterRef("pk")).order_by("-date", "-pk").values("heaviness")[:1]
    )


def _heavy_latest_check(threshold: int) -> Exists:
    """A naaste of the client whose latest load check is ``threshold`` or heavier: a check that heavy with no
    later one of the same member. Found from the client's own checks (few, indexed by client) rather than
    from every member's latest check; a check is always the client's about one of their own members."""
    later = (
        LoadCheck.objects.current()
        .filter(member=OuterRef("member"))
        .filter(Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk")))
    )
    heavy = (
        LoadCheck.objects.current()
        .filter(client=OuterRef("pk"), heaviness__gte=threshold)
        .filter(member__client=OuterRef("pk"), member__removed_at__isnull=True, member__deceased=False)
        .exclude(member__sector=Sector.PROFESSIONAL)
    )
    return Exists(heavy.filter(~Exists(later)))


def _open_actions_for_member() -> tuple[Exists, Exists]:
    """An open action about the member, and one owned by them. Two ``Exists``, not one with an OR across the
    join: each can use its own index (the OR made the database scan the actions for every member)."""
    about = Action.members.through.objects.filter(
        member_id=OuterRef("pk"), action__status=ActionStatus.OPEN, action__removed_at__isnull=True
    )
    owned = Action.objects.open().filter(owner_member=OuterRef("pk"))
    return Exists(about), Exists(owned)


def _open_action_for_member():
    about, owned = _open_actions_for_member()
    return about | owned


def _restore_members():

    return Member.objects.current().filter(status=MemberStatus.RESTORE, deceased=False)


def _review_overdue(interval_months: int, today: dt.date):
    """The review rule of :func:`kring.support.review.review_due` as one boolean expression per client.

    Written so that each subquery is referenced once: the client's latest review decides, together with
    whether a session came after it; a client never reviewed is decided by their sessions, or the intake.
    (Three dates compared with each other would repeat their subqueries for every comparison.)
    "The latest session's day is before the cutoff" is "no session from the cutoff's first moment on".
    """
    cutoff = review_cutoff(today, interval_months)
    cutoff_start = timezone.make_aware(dt.datetime.combine(cutoff, dt.time.min))

    def sessions(client):
        return MappingSession.objects.filter(client=client, finished_at__isnull=False)

    def session_is_overdue(client):  # there is a session: the interval after the latest one
        return ~Exists(sessions(client).filter(finished_at__gte=cutoff_start))

    # The latest session's day is after the review's: one time zone conversion per client (on SQLite a
    # Python function), not one for every session.
    latest_session_at = Subquery(sessions(OuterRef("client")).order_by("-finished_at").values("finished_at")[:1])
    later_session = GreaterThan(TruncDate(latest_session_at), F("date"))
    by_latest_review = (
        Review.objects.current()
        .filter(client=OuterRef("pk"))
        .order_by("-date", "-pk")
        .annotate(
            overdue=Case(
                # A mapping session after the latest review: the interval after the session.
                When(later_session, then=session_is_overdue(OuterRef("client"))),
                # The latest moment is a review that names its own next date.
                When(next_review_on__isnull=False, then=_true_if(Q(next_review_on__lt=today))),
                # A review without a next date (not made by Kring's forms): the interval after it.
                default=_true_if(Q(date__lt=cutoff)),
                output_field=BooleanModelField(),
            )
        )
        .values("overdue")[:1]
    )
    never_reviewed = Case(
        When(Exists(sessions(OuterRef("pk"))), then=session_is_overdue(OuterRef("pk"))),
        # Never reviewed nor mapped: due from the intake date on.
        default=_true_if(Q(intake_date__lt=today)),
        output_field=BooleanModelField(),
    )
    return Coalesce(Subquery(by_latest_review), never_reviewed, output_field=BooleanModelField())


def _true_if(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanModelField())


def signal_expressions(
    settings: Mapping[str, RuleSetting], *, interval_months: int, today: dt.date | None = None
) -> dict:
    """One boolean expression per enabled rule, on a clients queryset."""
    today = today or timezone.localdate()
    figures = _figures()
    exprs: dict = {}
    for setting in enabled(settings):
        key, t = setting.key, setting.threshold
        if key == NO_INNER_CIRCLE:
            exprs[key] = Exists(figures.filter(size__gt=0, inner_circle=0))
        elif key == MOSTLY_PROFESSIONAL:
            exprs[key] = Exists(
                figures.filter(size__gt=0)
                .alias(professional_100=F("professional") * 100)
                .filter(professional_100__gte=F("size") * t)
            )
        elif key == MAIN_SUPPORTER:
            exprs[key] = Exists(
                figures.filter(
                    main_supporter_kinds__gte=CARRIER_MIN_KINDS,
                    main_supporter_share__gte=t / 100 - SHARE_EPSILON,
                )
            )
        elif key == LOAD_HIGH:
            exprs[key] = _heavy_latest_check(t)
        elif key == RESTORE_WITHOUT_ACTION:
            # "Neither about nor owned", not "not (about or owned)": PostgreSQL turns each NOT EXISTS into an
            # anti join and estimates the rule at a tenth of the cost (which decides whether it compiles the
            # query with its JIT, for longer than the query runs).
            about, owned = _open_actions_for_member()
            exprs[key] = Exists(_restore_members().filter(client=OuterRef("pk")).filter(~about, ~owned))
        elif key == REVIEW_OVERDUE:
            exprs[key] = _review_overdue(interval_months, today)
        elif key == NO_EMERGENCY_CONTACT:
            exprs[key] = Exists(figures.filter(size__gt=0, emergency_contact=False))
        elif key == PLACE_TO_STAY:
            exprs[key] = Exists(figures.filter(place_to_stay=True))
    return exprs


def annotate_signals(
    clients: QuerySet, organisation, *, settings: Mapping[str, RuleSetting] | None = None, today=None
) -> QuerySet:
    """``clients`` with ``signal_<key>`` (True/False) for every enabled rule and ``signal_count``.

    The subqueries run in the same query as the list, so a page of 2 or 2,000 clients costs the same.
    """
    settings = settings_for(organisation) if settings is None else settings
    exprs = signal_expressions(settings, interval_months=organisation.review_interval_months, today=today)
    annotated = clients.annotate(**{f"signal_{key}": expr for key, expr in exprs.items()})
    total = sum(
        (Case(When(**{f"signal_{key}": True}, then=Value(1)), default=Value(0)) for key in exprs),
        start=Value(0),
    )
    return annotated.annotate(signal_count=total)


def with_signal(clients: QuerySet, key: str) -> QuerySet:
    """Of clients from :func:`annotate_signals`, those with the signal ``key`` open."""
    return clients.filter(**{f"signal_{key}": True})


def with_any_signal(clients: QuerySet) -> QuerySet:
    return clients.filter(signal_count__gt=0)


def open_signal_counts(
    clients: QuerySet, organisation, *, settings: Mapping[str, RuleSetting] | None = None, today=None
) -> dict[str, int]:
    """Per enabled rule of ``organisation``: how many of ``clients`` have that signal open.

    Counted in the database in one aggregate query (plus one for the organisation's settings, unless
    ``settings`` is given); keys in the order of :data:`RULES`; disabled rules are left out.
    """
    settings = settings_for(organisation) if settings is None else settings
    exprs = signal_expressions(settings, interval_months=organisation.review_interval_months, today=today)
    if not exprs:
        return {}
    # The booleans are selected in an inner query and counted around it (an aggregate cannot read an alias).
    annotated = clients.annotate(**{f"signal_{key}": expr for key, expr in exprs.items()})
    counts = annotated.aggregate(
        **{key: Count("pk", distinct=True, filter=Q(**{f"signal_{key}": True})) for key in exprs}
    )
    return {key: counts[key] or 0 for key in exprs}


# --- one client -------------------------------------------------------------------------------------------


def client_signals(client, *, review: ReviewDue | None, settings: Mapping[str, RuleSetting] | None = None) -> list[Hit]:
    """The open signals of one client (loaded through the access policy), for the client's overview.

    ``review`` is the client's review rhythm (the overview has it already). At most four queries,
    however many members, checks and actions.
    """

    settings = settings_for(client.organisation) if settings is None else settings
    if not enabled(settings):
        return []
    row = NetworkFigures.objects.latest().filter(client=client).first()
    figures = (
        Figures(
            size=row.size,
            inner_circle=row.inner_circle,
            professional=row.professional,
            emergency_contact=row.emergency_contact,
            main_supporter_share=row.main_supporter_share,
            main_supporter_kinds=row.main_supporter_kinds,
            place_to_stay=row.place_to_stay,
        )
        if row is not None
        else None
    )
    members = list(
        Member.objects.current()
        .filter(client=client)
        .annotate(
            latest_heaviness=_latest_heaviness(),
            latest_date=Subquery(
                LoadCheck.objects.current().filter(member=OuterRef("pk")).order_by("-date", "-pk").values("date")[:1]
            ),
            has_open_action=_open_action_for_member(),
        )
        .order_by("name", "pk")
    )
    naasten = [m for m in members if m.sector != Sector.PROFESSIONAL and not m.deceased]
    loads = tuple(
        MemberRef(m.pk, m.name, m.latest_heaviness, _as_date(m.latest_date))
        for m in naasten
        if m.latest_heaviness is not None
    )
    restore = tuple(
        MemberRef(m.pk, m.name)
        for m in members
        if m.status == MemberStatus.RESTORE and not m.deceased and not m.has_open_action
    )
    carrier = top_supporter([(m.pk, m.name, frozenset(m.support_received or ())) for m in naasten])
    if carrier is not None:  # with their latest load check, so the card can say whether it was asked
        carrier = next((load for load in loads if load.id == carrier.id), carrier)
    hosts = tuple(
        MemberRef(m.pk, m.name)
        for m in members
        if Support.HOUSING in (m.support_received or ()) and not m.deceased and m.status != MemberStatus.LIMITED
    )
    facts = ClientFacts(
        figures=figures,
        naasten_loads=loads,
        restore_without_action=restore,
        review=review,
        main_supporter=carrier,
        hosts=hosts,
    )
    return evaluate(facts, settings)


def _as_date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value  # SQLite: subquery dates as text


def counts_in_rule_order(counts: Mapping[str, int], settings: Mapping[str, RuleSetting]) -> Sequence[tuple]:
    """(setting, count) for every enabled rule, for a table of open signals."""
    return [(setting, counts.get(setting.key, 0)) for setting in enabled(settings)]


# --- the organisation's settings (write) ----------------------------------------------------------------


def signal_settings_update(*, actor, organisation, choices: Mapping[str, tuple[bool, int | None]]) -> None:
    """Save the organisation's choice per rule (on/off, threshold) and one access-log row, in one transaction.

    Only the organisation's own admin may. Every rule gets a row, so a later change of a default does not
    silently change what an organisation chose. Thresholds outside a rule's range are refused as a whole.
    """
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from kring import policy
    from kring.audit.log import log

    user = actor.user
    if not policy.is_org_admin(user) or user.organisation_id != organisation.pk:
        raise PermissionError("Only the organisation's admin may change its signal settings.")
    unknown = set(choices) - set(RULE_BY_KEY)
    if unknown:
        raise ValueError(f"Unknown signal rules: {sorted(unknown)}")
    errors = {}
    for key, (_on, threshold) in choices.items():
        rule = RULE_BY_KEY[key]
        if not threshold_is_valid(rule, threshold):
            errors[f"{key}_threshold"] = _("Vul een heel getal in van %(min)s tot en met %(max)s.") % {
                "min": rule.threshold_min,
                "max": rule.threshold_max,
            }
    if errors:
        raise ValidationError(errors)
    current = settings_for(organisation)
    changed = []
    with transaction.atomic():
        for key, (on, threshold) in choices.items():
            row = SignalSetting.objects.filter(organisation=organisation, key=key).first() or SignalSetting(
                organisation=organisation, key=key
            )
            row.enabled, row.threshold, row.updated_by = bool(on), threshold, user
            row._history_user = user
            row.full_clean()
            row.save()
            before = current[key]
            if (before.enabled, before.threshold) != (bool(on), threshold):
                changed.append(f"{key}={'on' if on else 'off'}" + (f"/{threshold}" if threshold is not None else ""))
        log(actor, "measures.signal_settings.update", obj=organisation, detail=" ".join(changed))
