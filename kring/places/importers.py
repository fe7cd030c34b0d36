"""Reading files of places: CSV (Kring's own columns), OpenStreetMap as the Overpass API gives it (JSON),
and GeoJSON. No database: a file becomes a list of records, or an :class:`ImportFileError` that names the
first broken row (its line number) and why. The services decide what each record does to the database.

All or nothing: one broken row rejects the whole file, so a half-imported social map never exists.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from kring.clients.models import LANGUAGE_CHOICES
from kring.places import geo, osm
from kring.places.models import Audience, Category, Cost, ImportKind, Source, Wheelchair

MAX_BYTES = 10 * 1024 * 1024

# --- CSV columns -----------------------------------------------------------------------------------

# (column, field, what goes in it): the order of the template and of the help on the import page.
CSV_COLUMNS = [
    ("naam", "name", "verplicht"),
    ("categorie", "category", "verplicht; zie de lijst van soorten"),
    ("omschrijving", "description", "wat er te doen is"),
    ("adres", "street_address", "straat en huisnummer"),
    ("postcode", "postcode", ""),
    ("plaats", "city", ""),
    ("breedtegraad", "latitude", "bijvoorbeeld 52,3702 (samen met lengtegraad)"),
    ("lengtegraad", "longitude", "bijvoorbeeld 4,8952"),
    ("talen", "languages", "gescheiden door komma's, bijvoorbeeld: Nederlands, Arabisch"),
    ("voor_wie", "audiences", "gescheiden door komma's, bijvoorbeeld: Vrouwen, LHBTI+"),
    ("gemeenschap", "community", "een gemeenschap van herkomst, bijvoorbeeld: Eritrese gemeenschap"),
    ("openingstijden", "opening_hours", "zoals in OpenStreetMap: Mo-Fr 09:00-17:00; Sa 10:00-14:00"),
    ("openingstijden_toelichting", "opening_notes", "vrije tekst, bijvoorbeeld: elke eerste zondag van de maand"),
    ("telefoon", "phone", ""),
    ("email", "email", ""),
    ("website", "website", ""),
    ("rolstoel", "wheelchair", "ja, deels of nee"),
    ("toegankelijkheid", "accessibility_note", "vrije tekst"),
    ("kosten", "cost", "gratis, bijdrage of betaald"),
    ("kosten_toelichting", "cost_note", ""),
    ("bron_id", "source_id", "je eigen vaste id: dan werkt opnieuw inlezen de plek bij"),
    ("gecontroleerd_op", "checked_on", "datum, bijvoorbeeld 2026-03-15 of 15-3-2026"),
]
_COLUMN_FIELDS = {column: name for column, name, _help in CSV_COLUMNS}
_COLUMN_ALIASES = {
    "name": "naam",
    "category": "categorie",
    "soort": "categorie",
    "description": "omschrijving",
    "address": "adres",
    "straat": "adres",
    "city": "plaats",
    "woonplaats": "plaats",
    "lat": "breedtegraad",
    "latitude": "breedtegraad",
    "lon": "lengtegraad",
    "lng": "lengtegraad",
    "longitude": "lengtegraad",
    "languages": "talen",
    "e_mail": "email",
    "mail": "email",
    "phone": "telefoon",
    "tel": "telefoon",
    "id": "bron_id",
    "opening_hours": "openingstijden",
}

_CATEGORY_SYNONYMS = {
    "maaltijd": Category.MEAL,
    "eten": Category.MEAL,
    "gebedshuis": Category.OTHER_WORSHIP,
    "synagoge": Category.OTHER_WORSHIP,
    "tempel": Category.OTHER_WORSHIP,
    "gurdwara": Category.OTHER_WORSHIP,
    "zelfhulpgroep": Category.SELF_HELP,
    "lotgenotengroep": Category.SELF_HELP,
    "inloop": Category.WALK_IN,
    "buurtcentrum": Category.COMMUNITY_CENTRE,
    "wijkcentrum": Category.COMMUNITY_CENTRE,
    "sportclub": Category.SPORTS,
    "vereniging": Category.CULTURAL,
    "park": Category.PARK,
    "plein": Category.PARK,
    "ontmoetingsplek": Category.PARK,
}
_AUDIENCE_SYNONYMS = {
    "jongeren": Audience.YOUNG_ADULTS,
    "lhbti": Audience.LGBTI,
    "lhbtiq+": Audience.LGBTI,
    "lhbtq+": Audience.LGBTI,
    "lgbtq+": Audience.LGBTI,
    "senioren": Audience.SENIORS,
    "nieuwkomers": Audience.NEWCOMERS,
    "vluchtelingen": Audience.NEWCOMERS,
    "dak- en thuislozen": Audience.HOMELESS,
    "daklozen": Audience.HOMELESS,
    "gemeenschap": Audience.COMMUNITY,
}
_WHEELCHAIR_WORDS = {
    "ja": Wheelchair.YES,
    "yes": Wheelchair.YES,
    "deels": Wheelchair.LIMITED,
    "beperkt": Wheelchair.LIMITED,
    "limited": Wheelchair.LIMITED,
    "nee": Wheelchair.NO,
    "no": Wheelchair.NO,
}
_COST_WORDS = {
    "gratis": Cost.FREE,
    "free": Cost.FREE,
    "bijdrage": Cost.CONTRIBUTION,
    "kleine bijdrage": Cost.CONTRIBUTION,
    "gift": Cost.CONTRIBUTION,
    "contribution": Cost.CONTRIBUTION,
    "betaald": Cost.PAID,
    "paid": Cost.PAID,
}


def _lookup(choices, synonyms: dict) -> dict[str, str]:
    """Codes and (Dutch) labels, lower case, → code."""
    table = {code: code for code, _label in choices}
    table.update({str(label).lower(): code for code, label in choices})
    table.update(synonyms)
    return table


# --- Records and errors ----------------------------------------------------------------------------


class ImportFileError(Exception):
    """The file cannot be imported. ``where`` names the row (with its line number), ``reason`` says why."""

    def __init__(self, reason: str, where: str = ""):
        super().__init__(f"{where}: {reason}" if where else reason)
        self.where, self.reason = where, reason


@dataclass
class Record:
    where: str  # "Regel 12" or "Regel 40 (element 3, node/123)"
    source: str
    source_id: str
    values: dict


@dataclass
class ParsedFile:
    kind: str
    records: list[Record] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    attribution: str = ""
    unused_columns: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """The text of an uploaded file (UTF-8, with or without a byte order mark)."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("Het bestand is groter dan 10 MB. Splits het in kleinere bestanden."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("Kring kan de tekens in dit bestand niet lezen. Sla het op als UTF-8 (in Excel: ‘CSV UTF-8’).")
        ) from None


def detect_kind(filename: str, text: str) -> str:
    """CSV, Overpass JSON or GeoJSON, from the content first and the file name second."""
    start = text.lstrip()[:1]
    if start in ("{", "["):
        head = text[:4000]
        if '"FeatureCollection"' in head or '"Feature"' in head or filename.lower().endswith(".geojson"):
            return ImportKind.GEOJSON
        return ImportKind.OVERPASS
    return ImportKind.CSV


def parse(kind: str, text: str) -> ParsedFile:
    if kind == ImportKind.CSV:
        return parse_csv(text)
    if kind == ImportKind.OVERPASS:
        return parse_overpass(text)
    if kind == ImportKind.GEOJSON:
        return parse_geojson(text)
    raise ImportFileError(_("Kies CSV, OpenStreetMap (Overpass JSON) of GeoJSON."))


def _line(number: int) -> str:
    return _("Regel %(line)s") % {"line": number}


def _check_duplicates(parsed: ParsedFile) -> None:
    """The same place twice: the same values are left out once, different values reject the file."""
    seen: dict[tuple[str, str], Record] = {}
    kept = []
    for record in parsed.records:
        key = (record.source, record.source_id)
        first = seen.get(key)
        if first is None:
            seen[key] = record
            kept.append(record)
        elif first.values == record.values:
            parsed.skipped.append((record.where, _("staat twee keer in het bestand")))
        else:
            raise ImportFileError(
                _("deze plek staat ook bij %(other)s, met andere gegevens. Haal één van de twee weg.")
                % {"other": first.where.lower()},
                record.where,
            )
    parsed.records = kept


def auto_id(values: dict) -> str:
    """A stable id for a row without one: the name and address, so a re-import finds it again."""
    key = "|".join(str(values.get(f, "")).strip().casefold() for f in ("name", "street_address", "postcode"))
    return "auto:" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:24]


# --- CSV -------------------------------------------------------------------------------------------


def csv_template() -> str:
    """The header and two example rows, for people to fill in (semicolons: Dutch Excel opens them as is)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column for column, _f, _h in CSV_COLUMNS])
    writer.writerow(
        [
            "Buurthuis De Voorbeeldhoek",
            "Buurthuis",
            "Koffie-inloop en een moestuin",
            "Voorbeeldstraat 1",
            "1234 AB",
            "Kringstad",
            "52,2001",
            "5,3002",
            "Nederlands, Arabisch",
            "Iedereen",
            "",
            "Mo-Fr 10:00-16:00",
            "In de zomer dicht op vrijdag",
            "010-1234567",
            "info@voorbeeld.test",
            "https://voorbeeld.test",
            "ja",
            "Drempelvrij, invalidentoilet",
            "gratis",
            "",
            "vb-1",
            "2026-01-15",
        ]
    )
    return out.getvalue()


def parse_csv(text: str) -> ParsedFile:
    parsed = ParsedFile(kind=ImportKind.CSV)
    if not text.strip():
        raise ImportFileError(_("Het bestand is leeg."))
    sample = text[:5000]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise ImportFileError(_("Kring kan de kolomnamen op de eerste regel niet lezen."), _line(1)) from None
    columns = [_column(name) for name in header]
    missing = [c for c in ("naam", "categorie") if c not in columns]
    if missing:
        raise ImportFileError(
            _("de kolom %(columns)s ontbreekt. Gebruik het voorbeeldbestand voor de juiste kolomnamen.")
            % {"columns": " en ".join(f"‘{c}’" for c in missing)},
            _line(1),
        )
    parsed.unused_columns = [h for h, c in zip(header, columns, strict=True) if c not in _COLUMN_FIELDS and h.strip()]
    tables = _tables()
    line = 1
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns) and any(cell.strip() for cell in row[len(columns) :]):
                raise ImportFileError(
                    _(
                        "deze regel heeft meer kolommen (%(found)s) dan de kop (%(expected)s). Staat er een "
                        "scheidingsteken in een tekst zonder aanhalingstekens?"
                    )
                    % {"found": len(row), "expected": len(columns)},
                    _line(line),
                )
            cells = {c: cell.strip() for c, cell in zip(columns, row, strict=False) if c in _COLUMN_FIELDS}
            values = _row_values(cells, tables)
            source_id = cells.get("bron_id", "") or auto_id(values)
            parsed.records.append(Record(where=_line(line), source=Source.CSV, source_id=source_id, values=values))
    except csv.Error as error:
        raise ImportFileError(
            _("Kring kan deze regel niet lezen (%(error)s).") % {"error": error}, _line(line + 1)
        ) from None
    except RowError as error:
        raise ImportFileError(str(error), _line(line)) from None
    _check_duplicates(parsed)
    if not parsed.records:
        raise ImportFileError(_("Er staan geen plekken in het bestand, alleen de kolomnamen."))
    return parsed


def _column(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").lower())
    return _COLUMN_ALIASES.get(key, key)


class RowError(ValueError):
    """One cell is wrong; the message says which and why (in Dutch)."""


def _tables() -> dict[str, dict[str, str]]:
    return {
        "category": _lookup(Category.choices, _CATEGORY_SYNONYMS),
        "audience": _lookup(Audience.choices, _AUDIENCE_SYNONYMS),
        "language": _lookup(LANGUAGE_CHOICES, {}),
    }


def _row_values(cells: dict[str, str], tables: dict) -> dict:
    """One CSV row (or GeoJSON feature with Kring's column names) → values for a Place. Raises RowError."""
    values: dict = {}
    name = cells.get("naam", "")
    if not name:
        raise RowError(_("de naam is leeg. Elke plek heeft een naam nodig."))
    values["name"] = name
    category = cells.get("categorie", "")
    code = tables["category"].get(category.lower())
    if code is None:
        raise RowError(
            _("de categorie ‘%(value)s’ kennen we niet. Kies uit: %(choices)s.")
            % {"value": category, "choices": ", ".join(str(label) for _c, label in Category.choices)}
            if category
            else _("de categorie is leeg. Kies bijvoorbeeld Buurthuis, Moskee of Bibliotheek.")
        )
    values["category"] = code
    for column in (
        "omschrijving",
        "adres",
        "postcode",
        "plaats",
        "gemeenschap",
        "openingstijden",
        "openingstijden_toelichting",
        "telefoon",
        "toegankelijkheid",
        "kosten_toelichting",
    ):
        if cells.get(column):
            values[_COLUMN_FIELDS[column]] = cells[column]
    lat_text, lon_text = cells.get("breedtegraad", ""), cells.get("lengtegraad", "")
    if bool(lat_text) != bool(lon_text):
        raise RowError(_("vul de breedtegraad én de lengtegraad in, of allebei niet."))
    if lat_text:
        try:
            lat, lon = geo.parse_number(lat_text), geo.parse_number(lon_text)
            geo.check_range(lat, lon)
        except geo.CoordinateError:
            raise RowError(
                _("de coördinaten ‘%(lat)s’ en ‘%(lon)s’ kloppen niet. Gebruik getallen zoals 52,3702 en 4,8952.")
                % {"lat": lat_text, "lon": lon_text}
            ) from None
        values["latitude"], values["longitude"] = lat, lon
    if cells.get("talen"):
        values["languages"] = _codes(cells["talen"], tables["language"], _("de taal ‘%(value)s’ kennen we niet."))
    audiences = []
    if cells.get("voor_wie"):
        words = [w for w in _split_list(cells["voor_wie"]) if w.lower() not in ("iedereen", "everyone", "alle")]
        audiences = _codes(", ".join(words), tables["audience"], _("‘%(value)s’ kennen we niet bij ‘voor wie’."))
    if cells.get("gemeenschap") and Audience.COMMUNITY not in audiences:
        audiences.append(Audience.COMMUNITY)
    if audiences:
        values["audiences"] = audiences
    if cells.get("email"):
        try:
            EmailValidator()(cells["email"])
        except ValidationError:
            raise RowError(_("het e-mailadres ‘%(value)s’ klopt niet.") % {"value": cells["email"]}) from None
        values["email"] = cells["email"]
    if cells.get("website"):
        values["website"] = _website(cells["website"])
    if cells.get("rolstoel"):
        word = _WHEELCHAIR_WORDS.get(cells["rolstoel"].lower())
        if word is None:
            raise RowError(
                _("bij ‘rolstoel’ staat ‘%(value)s’. Gebruik ja, deels of nee.") % {"value": cells["rolstoel"]}
            )
        values["wheelchair"] = word
    if cells.get("kosten"):
        word = _COST_WORDS.get(cells["kosten"].lower())
        if word is None:
            raise RowError(
                _(
                    "bij ‘kosten’ staat ‘%(value)s’. Gebruik gratis, bijdrage of betaald; de rest kan in "
                    "‘kosten_toelichting’."
                )
                % {"value": cells["kosten"]}
            )
        values["cost"] = word
    if cells.get("gecontroleerd_op"):
        values["checked_on"] = _date(cells["gecontroleerd_op"])
    return values


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;/|]", text) if part.strip()]


def _codes(text: str, table: dict[str, str], message: str) -> list[str]:
    codes = []
    for word in _split_list(text):
        code = table.get(word.lower())
        if code is None:
            raise RowError(message % {"value": word})
        if code not in codes:
            codes.append(code)
    return codes


def _website(text: str) -> str:
    url = text if "://" in text else f"https://{text}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise RowError(_("de website ‘%(value)s’ klopt niet.") % {"value": text}) from None
    return url


def _date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RowError(
        _("de datum ‘%(value)s’ klopt niet. Schrijf bijvoorbeeld 2026-03-15 of 15-3-2026.") % {"value": text}
    )


# --- OpenStreetMap: Overpass JSON and GeoJSON -------------------------------------------------------


def _load_json(text: str, what: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("dit is geen geldige %(what)s: %(error)s.") % {"what": what, "error": error.msg},
            _line(error.lineno),
        ) from None


def _array_lines(text: str, key: str) -> list[int]:
    """The line on which each item of the top-level array ``key`` starts, to name a broken item's line."""
    match = re.search(rf'"{key}"\s*:\s*\[', text)
    if match is None:
        return []
    decoder = json.JSONDecoder()
    lines, pos, line = [], match.end(), text.count("\n", 0, match.end()) + 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            if text[pos] == "\n":
                line += 1
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return lines
        lines.append(line)
        try:
            _obj, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            return lines
        line += text.count("\n", pos, end)
        pos = end


class _Where:
    """Names item ``index`` of a JSON array by its line (found only when needed) and its OSM id."""

    def __init__(self, text: str, key: str):
        self.text, self.key, self._lines = text, key, None

    def __call__(self, index: int, ident: str = "") -> str:
        if self._lines is None:
            self._lines = _array_lines(self.text, self.key)
        item = _("element %(number)s") % {"number": index + 1}
        if ident:
            item = f"{item}, {ident}"
        if index < len(self._lines):
            return f"{_line(self._lines[index])} ({item})"
        return item[:1].upper() + item[1:]


def _known_languages() -> set[str]:
    return {code for code, _label in LANGUAGE_CHOICES}


def _osm_values(tags: dict, where: str) -> dict | None:
    if not isinstance(tags, dict):
        raise ImportFileError(_("de tags zijn geen lijst van sleutels en waarden."), where)
    tags = {str(k): str(v) for k, v in tags.items()}
    values = osm.fields_from_tags(tags, languages=_known_languages())
    return values if values.get("name") else None


def parse_overpass(text: str) -> ParsedFile:
    data = _load_json(text, "Overpass-JSON")
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise ImportFileError(
            _(
                "dit lijkt geen uitvoer van de Overpass API: er staat geen lijst ‘elements’ in. Kies [out:json] in de "
                "query."
            )
        )
    copyright_note = (data.get("osm3s") or {}).get("copyright", "") if isinstance(data.get("osm3s"), dict) else ""
    parsed = ParsedFile(kind=ImportKind.OVERPASS, attribution=osm.OSM_ATTRIBUTION)
    if copyright_note and "ODbL" not in copyright_note:
        parsed.attribution = f"{osm.OSM_ATTRIBUTION} ({copyright_note[:100]})"
    where = _Where(text, "elements")
    for index, element in enumerate(data["elements"]):
        if not isinstance(element, dict):
            raise ImportFileError(_("dit element is geen object."), where(index))
        kind, ident = element.get("type"), element.get("id")
        if kind not in ("node", "way", "relation") or not isinstance(ident, int):
            raise ImportFileError(
                _("een element heeft een ‘type’ (node, way of relation) en een ‘id’ nodig."), where(index)
            )
        osm_id = f"{kind}/{ident}"
        tags = element.get("tags")
        if not tags:
            continue  # a point of a way, or a bare node: not a place
        values = _osm_values(tags, where(index, osm_id))
        if values is None:
            parsed.skipped.append((where(index, osm_id), _("geen naam")))
            continue
        values["latitude"], values["longitude"] = _overpass_point(element, lambda i=index, o=osm_id: where(i, o))
        parsed.records.append(Record(where=where(index, osm_id), source=Source.OSM, source_id=osm_id, values=values))
    _check_duplicates(parsed)
    return parsed


def _overpass_point(element: dict, where) -> tuple[float, float]:
    try:
        if element["type"] == "node" and "lat" in element:
            return _checked(element["lat"], element["lon"])
        if isinstance(element.get("center"), dict):
            return _checked(element["center"]["lat"], element["center"]["lon"])
        if isinstance(element.get("bounds"), dict):
            b = element["bounds"]
            return _checked((b["minlat"] + b["maxlat"]) / 2, (b["minlon"] + b["maxlon"]) / 2)
        if isinstance(element.get("geometry"), list) and element["geometry"]:
            points = [(p["lat"], p["lon"]) for p in element["geometry"] if isinstance(p, dict)]
            return _checked(sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        raise ImportFileError(_("de coördinaten van dit element kloppen niet."), where()) from None
    raise ImportFileError(
        _("dit element heeft geen coördinaten. Vraag ze in de Overpass-query met ‘out center;’."), where()
    )


def _checked(lat, lon) -> tuple[float, float]:
    if isinstance(lat, bool) or isinstance(lon, bool):
        raise ValueError
    # Rounded to 7 decimals (about a centimetre): the same place exported twice gives the same point.
    lat, lon = round(float(lat), 7), round(float(lon), 7)
    geo.check_range(lat, lon)
    return lat, lon


_OSM_ID = re.compile(r"^(node|way|relation)/\d+$")


def parse_geojson(text: str) -> ParsedFile:
    data = _load_json(text, "GeoJSON")
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise ImportFileError(_("dit is geen GeoJSON FeatureCollection: er staat geen lijst ‘features’ in."))
    parsed = ParsedFile(kind=ImportKind.GEOJSON)
    where = _Where(text, "features")
    tables = _tables()
    any_osm = False
    for index, feature in enumerate(data["features"]):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ImportFileError(_("dit is geen GeoJSON ‘Feature’."), where(index))
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise ImportFileError(_("de ‘properties’ zijn geen object."), where(index))
        ident = _feature_id(feature, properties)
        is_osm = bool(_OSM_ID.match(ident))
        any_osm = any_osm or is_osm
        label = where(index, ident)
        if "naam" in properties or "categorie" in properties:
            cells = {_column(k): str(v).strip() for k, v in properties.items() if v is not None}
            try:
                values = _row_values({k: v for k, v in cells.items() if k in _COLUMN_FIELDS}, tables)
            except RowError as error:
                raise ImportFileError(str(error), label) from None
            ident = ident or cells.get("bron_id", "")
        else:
            tags = properties.get("tags") if isinstance(properties.get("tags"), dict) else properties
            tags = {k: v for k, v in tags.items() if not str(k).startswith("@") and v is not None}
            if not tags:
                continue
            values = _osm_values(tags, label)
            if values is None:
                parsed.skipped.append((label, _("geen naam")))
                continue
        values["latitude"], values["longitude"] = _geojson_point(feature.get("geometry"), label)
        source = Source.OSM if is_osm else Source.GEOJSON
        parsed.records.append(Record(where=label, source=source, source_id=ident or auto_id(values), values=values))
    parsed.attribution = osm.OSM_ATTRIBUTION if any_osm else str(data.get("attribution", ""))[:200]
    _check_duplicates(parsed)
    return parsed


def _feature_id(feature: dict, properties: dict) -> str:
    for candidate in (feature.get("id"), properties.get("@id"), properties.get("id")):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()[:100]
    kind, number = properties.get("type"), properties.get("id")
    if kind in ("node", "way", "relation") and isinstance(number, int):
        return f"{kind}/{number}"
    if isinstance(feature.get("id"), int):
        return str(feature["id"])
    return ""


def _geojson_point(geometry, where: str) -> tuple[float, float]:
    if not isinstance(geometry, dict):
        raise ImportFileError(_("deze plek heeft geen ‘geometry’ met coördinaten."), where)
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    try:
        if kind == "Point":
            points = [coordinates]
        elif kind in ("MultiPoint", "LineString"):
            points = coordinates
        elif kind == "Polygon":
            points = coordinates[0][:-1] or coordinates[0]
        elif kind == "MultiPolygon":
            points = [p for polygon in coordinates for p in (polygon[0][:-1] or polygon[0])]
        else:
            raise ImportFileError(
                _("de vorm ‘%(kind)s’ kan Kring niet lezen; gebruik een punt of een vlak.") % {"kind": kind}, where
            )
        # GeoJSON puts the longitude first.
        lon = sum(float(p[0]) for p in points) / len(points)
        lat = sum(float(p[1]) for p in points) / len(points)
        return _checked(lat, lon)
    except (TypeError, ValueError, IndexError, ZeroDivisionError, geo.CoordinateError):
        raise ImportFileError(_("de coördinaten van deze plek kloppen niet."), where) from None
