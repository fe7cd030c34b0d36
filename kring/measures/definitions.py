"""The questionnaires Kring ships, as versioned definitions for the engine (``engine.py``).

Adding one: write a :class:`Definition` with its texts in every language of ``LANGUAGES`` and add it to
``_ALL``. Changing one that has been used: add a new version; answers keep the version they were given
with, and are scored by it.

Sources: ``/work/shared/reference/network-measures.md``.

- De Jong Gierveld loneliness scale, 6 items (De Jong Gierveld & Van Tilburg 2006). The wording is used
  exactly (Dutch as in the reference; English as in the authors' manual), in the order of the manual.
  Free for scientific use with the source cited; not a diagnostic instrument: in Kring it opens the
  conversation and shows a trend.
- Zelfredzaamheid-Matrix (© GGD Amsterdam), domain "sociaal netwerk", 1–5. Kring stores the score and
  the level names only: the copyrighted anchor texts per level are not reproduced here, on purpose.
"""

from __future__ import annotations

from kring.measures.engine import Band, Definition, Item, Option, Subscale

LANGUAGES = ("nl", "en")

# --- De Jong Gierveld, 6 items ------------------------------------------------------------------------

YES, MORE_OR_LESS, NO = "yes", "more_or_less", "no"
_EMOTIONAL_POINTS = {YES: 1, MORE_OR_LESS: 1, NO: 0}
_SOCIAL_POINTS = {YES: 0, MORE_OR_LESS: 1, NO: 1}  # reverse-scored: "nee" to "enough people" is lonely

DE_JONG_GIERVELD_6 = Definition(
    key="djg6",
    version=1,
    title={"nl": "Eenzaamheid (De Jong Gierveld)", "en": "Loneliness (De Jong Gierveld)"},
    intro={
        "nl": "Hieronder staan zes uitspraken. Zeg bij elke uitspraak wat nu voor jou het beste past: ja, min of "
        "meer, of nee. Er zijn geen goede of foute antwoorden. Je mag een uitspraak ook overslaan.",
        "en": "Below are six statements. For each one, say what fits you best right now: yes, more or less, or "
        "no. There are no right or wrong answers. You may also skip a statement.",
    },
    options=(
        Option(YES, {"nl": "ja", "en": "yes"}),
        Option(MORE_OR_LESS, {"nl": "min of meer", "en": "more or less"}),
        Option(NO, {"nl": "nee", "en": "no"}),
    ),
    items=(
        Item(
            "emptiness",
            {"nl": "Ik ervaar een leegte om me heen", "en": "I experience a general sense of emptiness"},
            _EMOTIONAL_POINTS,
        ),
        Item(
            "rely_on",
            {
                "nl": "Er zijn genoeg mensen op wie ik in geval van narigheid kan terugvallen",
                "en": "There are plenty of people I can rely on when I have problems",
            },
            _SOCIAL_POINTS,
        ),
        Item(
            "trust",
            {
                "nl": "Ik heb veel mensen op wie ik volledig kan vertrouwen",
                "en": "There are many people I can trust completely",
            },
            _SOCIAL_POINTS,
        ),
        Item(
            "miss_people",
            {"nl": "Ik mis mensen om me heen", "en": "I miss having people around me"},
            _EMOTIONAL_POINTS,
        ),
        Item(
            "close",
            {
                "nl": "Er zijn voldoende mensen met wie ik me nauw verbonden voel",
                "en": "There are enough people I feel close to",
            },
            _SOCIAL_POINTS,
        ),
        Item(
            "rejected",
            {"nl": "Vaak voel ik me in de steek gelaten", "en": "I often feel rejected"},
            _EMOTIONAL_POINTS,
        ),
    ),
    # Total 0–6 with at most one item missing; a subscale only when all three of its items are answered.
    max_missing=1,
    bands=(
        Band("not_lonely", 0, 1, {"nl": "Niet eenzaam", "en": "Not lonely"}),
        Band("moderate", 2, 4, {"nl": "Matig eenzaam", "en": "Moderately lonely"}),
        Band("severe", 5, 6, {"nl": "Ernstig eenzaam", "en": "Severely lonely"}),
    ),
    subscales=(
        Subscale(
            "emotional",
            {"nl": "Emotionele eenzaamheid", "en": "Emotional loneliness"},
            ("emptiness", "miss_people", "rejected"),
            bands=(
                Band("not_lonely", 0, 0, {"nl": "Niet eenzaam", "en": "Not lonely"}),
                Band("lonely", 1, 3, {"nl": "Eenzaam", "en": "Lonely"}),
            ),
        ),
        Subscale(
            "social",
            {"nl": "Sociale eenzaamheid", "en": "Social loneliness"},
            ("rely_on", "trust", "close"),
            bands=(
                Band("not_lonely", 0, 0, {"nl": "Niet eenzaam", "en": "Not lonely"}),
                Band("lonely", 1, 3, {"nl": "Eenzaam", "en": "Lonely"}),
            ),
        ),
    ),
    higher_means={"nl": "Hoger betekent: meer eenzaam.", "en": "Higher means: more lonely."},
    source="De Jong Gierveld, J., & Van Tilburg, T. G. (2006). A 6-item scale for overall, emotional, and social "
    "loneliness. Research on Aging, 28(5), 582–598.",
    notice={
        "nl": "Dit is geen diagnose. De uitspraken helpen om samen te praten over contact met anderen, en laten "
        "zien hoe dat verandert.",
        "en": "This is not a diagnosis. The statements help to talk together about contact with others, and show "
        "how that changes.",
    },
)

# --- Zelfredzaamheid-Matrix, domain "sociaal netwerk" ----------------------------------------------------

ZRM_LEVELS = (
    ("1", {"nl": "Acute problematiek", "en": "Acute problems"}),
    ("2", {"nl": "Niet zelfredzaam", "en": "Not self-sufficient"}),
    ("3", {"nl": "Beperkt zelfredzaam", "en": "Limited self-sufficiency"}),
    ("4", {"nl": "Voldoende zelfredzaam", "en": "Sufficiently self-sufficient"}),
    ("5", {"nl": "Volledig zelfredzaam", "en": "Fully self-sufficient"}),
)

ZRM_SOCIAL_NETWORK = Definition(
    key="zrm_social",
    version=1,
    title={"nl": "ZRM: sociaal netwerk", "en": "ZRM: social network"},
    intro={
        "nl": "De score van de Zelfredzaamheid-Matrix voor het domein sociaal netwerk, over de afgelopen 30 dagen. "
        "Kies de score met de uitleg per niveau uit de ZRM zelf. Kring bewaart alleen de score.",
        "en": "The Self-Sufficiency Matrix score for the domain social network, over the past 30 days. Choose the "
        "score with the description of each level in the ZRM itself. Kring keeps the score only.",
    },
    options=tuple(Option(value, label) for value, label in ZRM_LEVELS),
    items=(
        Item(
            "social_network",
            {"nl": "Sociaal netwerk, de afgelopen 30 dagen", "en": "Social network, the past 30 days"},
            {value: int(value) for value, _label in ZRM_LEVELS},
        ),
    ),
    bands=tuple(Band(f"level_{value}", int(value), int(value), label) for value, label in ZRM_LEVELS),
    higher_means={"nl": "Hoger betekent: meer zelfredzaam.", "en": "Higher means: more self-sufficient."},
    source="Zelfredzaamheid-Matrix (ZRM), © GGD Amsterdam.",
    notice={
        "nl": "De Zelfredzaamheid-Matrix is van GGD Amsterdam. Kring toont alleen de namen van de niveaus.",
        "en": "The Self-Sufficiency Matrix belongs to GGD Amsterdam. Kring shows the names of the levels only.",
    },
)

# --- registry -------------------------------------------------------------------------------------------

_ALL = (DE_JONG_GIERVELD_6, ZRM_SOCIAL_NETWORK)
_BY_VERSION = {(d.key, d.version): d for d in _ALL}
# The newest version of each questionnaire, in the order the pages show them.
CURRENT = {d.key: d for d in sorted(_ALL, key=lambda d: d.version)}
ORDER = tuple(dict.fromkeys(d.key for d in _ALL))


def current() -> list[Definition]:
    """The questionnaires that can be filled in now (newest version of each)."""
    return [CURRENT[key] for key in ORDER]


def get(key: str, version: int | None = None) -> Definition | None:
    """A definition by key (newest version, or the given one); None when there is none."""
    if version is None:
        return CURRENT.get(key)
    return _BY_VERSION.get((key, version))
