"""Removing the names of States, their ISO codes and people from the text of a report.

A State is found under every name it goes by in the seven languages (the names of
revmod.states, the CLDR names through Babel, the ISO 3166 names of pycountry and the short
names people write), and under its ISO codes written as words. Each is replaced by the label
the report gives that State ("State A") when it is one of the report's States, and by
"another State" otherwise; people's names and e-mail addresses become "[name]" and "[e-mail]".

Scripts written without spaces between words (Chinese) or with prefixes joined to the word
(Arabic "وفرنسا", "and France") are matched anywhere in a word; the others as whole words,
and Russian names also in their declined forms ("Франции", "Германией").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

import pycountry
from django.utils.translation import gettext as _

from revmod.states.data import member_state_rows
from revmod.states.models import MemberState

# Names people write that neither the CLDR nor ISO 3166 give, by ISO alpha-3 code.
SHORT_NAMES: dict[str, tuple[str, ...]] = {
    "USA": ("United States", "America", "Etats-Unis", "Estados Unidos", "EE.UU.", "EEUU", "США"),
    "GBR": ("Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Royaume Uni"),
    "RUS": ("Russia", "Russie", "Rusia", "Rússia", "РФ"),
    "KOR": ("South Korea", "Korea", "Corée du Sud", "Corea del Sur", "Coreia do Sul", "韩国", "南韩"),
    "PRK": ("North Korea", "DPRK", "Corée du Nord", "Corea del Norte", "Coreia do Norte", "朝鲜", "КНДР"),
    "IRN": ("Iran", "Persia"),
    "SYR": ("Syria", "Syrie", "Siria", "Síria"),
    "VNM": ("Vietnam", "Viet Nam"),
    "LAO": ("Laos",),
    "BOL": ("Bolivia", "Bolivie", "Bolívia"),
    "VEN": ("Venezuela",),
    "TZA": ("Tanzania", "Tanzanie", "Tanzânia"),
    "MDA": ("Moldova", "Moldavie", "Moldavia", "Moldávia"),
    "CZE": ("Czech Republic", "Czechia", "République tchèque", "República Checa"),
    "NLD": ("Holland", "Hollande", "Holanda"),
    "TUR": ("Turkey", "Türkiye", "Turquie", "Turquía", "Turquia"),
    "CIV": ("Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire", "Costa de Marfil", "Costa do Marfim"),
    "COD": ("DRC", "DR Congo", "Congo-Kinshasa", "RDC"),
    "COG": ("Congo-Brazzaville", "Congo"),
    "MKD": ("Macedonia", "Macédoine", "North Macedonia"),
    "SWZ": ("Swaziland", "Eswatini"),
    "CPV": ("Cape Verde", "Cap-Vert", "Cabo Verde"),
    "TLS": ("East Timor", "Timor-Leste", "Timor Oriental"),
    "MMR": ("Burma", "Birmanie", "Birmania"),
    "FSM": ("Micronesia", "Micronésie"),
    "BRN": ("Brunei",),
    "ARE": ("UAE", "Emirates", "Émirats arabes unis", "الإمارات"),
    "SAU": ("KSA", "Saudi"),
    "CHN": ("PRC", "КНР"),  # noqa: RUF001
    "VAT": ("Vatican", "Holy See"),
    "PSE": ("Palestine",),
}
# Written in capitals, matched with their case: "US" is a State, "us" is not.
ACRONYMS: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "U.S.A."),
    "GBR": ("UK", "U.K."),
}

_JOINED_SCRIPTS = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_RUSSIAN_ENDING = re.compile(r"[аяоеиыйьё]$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _variants(name: str) -> set[str]:
    name = name.strip()
    return {name, name.replace("’", "'"), name.replace("'", "’")} if name else set()  # noqa: RUF001


@cache
def _names_by_state() -> dict[str, frozenset[str]]:
    """Every name of every State, by ISO alpha-3 code (the data file's and the database's)."""
    names: dict[str, set[str]] = {}
    for row in member_state_rows():
        bucket = names.setdefault(row["iso3"], set())
        for name in row["names"].values():
            bucket |= _variants(name)
    for country in pycountry.countries:
        bucket = names.setdefault(country.alpha_3, set())
        for attribute in ("name", "official_name", "common_name"):
            bucket |= _variants(getattr(country, attribute, "") or "")
    for iso3, extra in SHORT_NAMES.items():
        for name in extra:
            names.setdefault(iso3, set()).update(_variants(name))
    return {iso3: frozenset(values) for iso3, values in names.items()}


def _database_names() -> dict[str, set[str]]:
    """The names as edited in the database, in every language column (modeltranslation)."""
    columns = [field.name for field in MemberState._meta.fields if field.name.startswith("name")]
    names: dict[str, set[str]] = {}
    for row in MemberState.objects.values("iso3", *columns):
        bucket = names.setdefault(row["iso3"], set())
        for column in columns:
            bucket |= _variants(row[column] or "")
    return names


def _trie(words: Iterable[str]) -> str:
    """One pattern for many literal words, as a tree of their letters: fast however many there are."""
    root: dict = {}
    for word in words:
        node = root
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(character) + render(child) for character, child in sorted(node.items()) if character]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return render(root) or "(?!)"


def _word_pattern(name: str) -> str:
    """A name as a pattern: Russian words may end in any declension."""
    if not _CYRILLIC.search(name):
        return re.escape(name)
    words = []
    for word in name.split():
        stem = _RUSSIAN_ENDING.sub("", word)
        stems = {stem}
        # A vowel that drops when declined: Египет, Египта (Russian letters).
        if stem == word and len(word) >= 5 and word[-2] in "еоЕО":  # noqa: RUF001
            stems.add(word[:-2] + word[-1])
        if len(min(stems, key=len)) < 4:
            words.append(re.escape(word))
        else:
            words.append("(?:" + "|".join(re.escape(one) for one in sorted(stems)) + r")\w{0,3}")
    return r"\s+".join(words)


class Scrubber:
    """Replaces the States, codes and people of one report; one instance per report keeps labels consistent."""

    def __init__(self, *, label_of: Callable[[str], str | None], people: Iterable[str] = ()) -> None:
        self._label_of = label_of
        by_state = {iso3: set(names) for iso3, names in _names_by_state().items()}
        for iso3, names in _database_names().items():
            by_state.setdefault(iso3, set()).update(names)
        self._state_of: dict[str, str] = {}
        joined: list[str] = []
        worded: list[str] = []
        for iso3, names in by_state.items():
            for name in names:
                self._state_of[name.casefold()] = iso3
                (joined if _JOINED_SCRIPTS.search(name) else worded).append(name)
        russian = sorted((name for name in worded if _CYRILLIC.search(name)), key=len, reverse=True)
        others = {name.lower() for name in worded if not _CYRILLIC.search(name)}
        alternatives = [_trie(others), *(_word_pattern(name) for name in russian)]
        self._worded = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
        self._joined = re.compile(_trie(joined))
        self._declined = [
            (re.compile(_word_pattern(name), re.IGNORECASE), self._state_of[name.casefold()]) for name in russian
        ]
        codes = {}
        for country in pycountry.countries:
            codes[country.alpha_2] = codes[country.alpha_3] = country.alpha_3
        for iso3, acronyms in ACRONYMS.items():
            codes |= dict.fromkeys(acronyms, iso3)
        self._code_of = codes
        self._codes = re.compile(r"(?<![\w.])(?:" + _trie(codes) + r")(?![\w])")
        people_names = {name.strip() for name in people if name and len(name.strip()) >= 3}
        parts = {part for name in people_names for part in name.split() if len(part) >= 4}
        self._people = (
            re.compile(
                r"(?<!\w)(?:"
                + "|".join(re.escape(name) for name in sorted(people_names | parts, key=len, reverse=True))
                + r")(?!\w)"
            )
            if people_names
            else None
        )

    def _state_label(self, iso3: str | None) -> str:
        label = self._label_of(iso3) if iso3 else None
        return label or _("another State")

    @lru_cache(maxsize=4096)  # noqa: B019 - one scrubber lives for one report
    def _resolve(self, found: str) -> str | None:
        """The State a matched name stands for (a declined Russian name: the name whose stem it starts with)."""
        iso3 = self._state_of.get(found.casefold())
        if iso3:
            return iso3
        candidates = [(len(pattern.pattern), state) for pattern, state in self._declined if pattern.fullmatch(found)]
        return max(candidates)[1] if candidates else None

    def __call__(self, text: str) -> str:
        if not text:
            return text
        text = _EMAIL.sub(_("[e-mail]"), text)
        if self._people is not None:
            text = self._people.sub(_("[name]"), text)
        text = self._codes.sub(lambda match: self._state_label(self._code_of[match.group(0)]), text)
        text = self._worded.sub(lambda match: self._state_label(self._resolve(match.group(0))), text)
        return self._joined.sub(lambda match: self._state_label(self._state_of.get(match.group(0).casefold())), text)
