"""Derived fields of an event: the PLOVER view, quad class, nearest CAMEO code and Goldstein score.

Everything comes from the shipped tables in ``diplograph/reference/`` (see its README):
the PLOVER codebook (types, quad classes, 2024 modes), ``cameo_to_plover.csv`` read
backwards, ``cameo_codes.csv`` for Goldstein scores, and ``cameo_choices.csv``, our own
decision table for the cases the inverse mapping does not settle.

Decisions (EVENTS.md section 5 is followed exactly for ``plover_event``):

* ``quad_class`` is the quad of ``plover_event`` when there is one, else of ``event``
  (a considered SUPPORT keeps quad 1, so it can still be counted as verbal cooperation).
* ``cameo`` is None when ``plover_event`` is None. Asserted events: the choice table's
  entry for (event, mode), else the lowest (most general) CAMEO code whose PLOVER event
  and 2024 mode match, else the table's code for the type (root level, e.g. 040, 112).
  Intended cooperative events (PLOVER AGREE) take the CAMEO 03x "Express intent to ..."
  code of the promised action; intended COERCE/ASSAULT/SANCTION/MOBILIZE (PLOVER
  THREATEN) take a 13x code; negated events (PLOVER REJECT) take a 12x code, by the
  refused action (negated CONSULT -> 125, COOPERATE -> 121, AID -> 122, else 120).
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from ..errors import DiplographError
from ..types import Event

QUAD_NUMBERS: Mapping[str, int] = MappingProxyType(
    {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3, "material conflict": 4}
)
THREAT_TYPES = frozenset({"COERCE", "ASSAULT", "SANCTION", "MOBILIZE"})


class ReferenceDataError(DiplographError):
    """A shipped reference table is missing or malformed."""


@dataclass(frozen=True, slots=True)
class _CameoRow:
    code: str
    plover_event: str
    plover_mode: str


def _reference_dir() -> Path:
    return Path(str(resources.files("diplograph") / "reference"))


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError as err:
        raise ReferenceDataError(f"cannot read reference table {path}: {err}. Reinstall diplograph.") from err


def _code_key(code: str) -> tuple[int, str]:
    """Sort CAMEO codes most general first: 3-digit base codes, then 4-digit, then 2-digit roots."""
    return ({3: 0, 4: 1}.get(len(code), 2), code)


@dataclass(frozen=True, slots=True)
class Reference:
    """The PLOVER/CAMEO reference tables, loaded once and passed to whoever derives fields."""

    quads: Mapping[str, int]
    type_modes: Mapping[str, tuple[str, ...]]
    cameo_rows: tuple[_CameoRow, ...]
    choices: Mapping[tuple[str, str, str], str]
    goldsteins: Mapping[str, float]
    cameo_names: Mapping[str, str]

    @classmethod
    def load(cls, directory: str | Path | None = None) -> Reference:
        """Read the shipped tables (or the same files from ``directory``).

        Raises:
            ReferenceDataError: a table is missing or malformed.
        """
        base = Path(directory) if directory is not None else _reference_dir()
        try:
            book = json.loads((base / "plover_codebook.json").read_text(encoding="utf-8"))
            quads = {t["name"]: QUAD_NUMBERS[t["quad_class"]] for t in book["event_types"]}
            modes = {t["name"]: tuple(m["name"] for m in t.get("modes", ())) for t in book["event_types"]}
        except (OSError, ValueError, KeyError) as err:
            raise ReferenceDataError(f"cannot read {base / 'plover_codebook.json'}: {err!r}") from err
        rows = tuple(
            _CameoRow(r["cameo_code"], r["plover_event"], r["plover_mode"] if r["mode_valid_2024"] == "true" else "")
            for r in _read_csv(base / "cameo_to_plover.csv")
            if r["plover_event"] in quads
        )
        choices = {(r["view"], r["event"], r["mode"]): r["cameo"] for r in _read_csv(base / "cameo_choices.csv")}
        codes = _read_csv(base / "cameo_codes.csv")
        return cls(
            quads=MappingProxyType(quads),
            type_modes=MappingProxyType(modes),
            cameo_rows=rows,
            choices=MappingProxyType(choices),
            goldsteins=MappingProxyType({r["code"]: float(r["goldstein"]) for r in codes}),
            cameo_names=MappingProxyType({r["code"]: r["name"] for r in codes}),
        )

    def plover_event(self, event: str, status: str) -> str | None:
        """The PLOVER-convention event type (EVENTS.md section 5).

        Examples:
            >>> ref = Reference.load()
            >>> ref.plover_event("COOPERATE", "intended"), ref.plover_event("ASSAULT", "intended")
            ('AGREE', 'THREATEN')
        """
        quad = self.quads.get(event)
        if quad is None:
            return None
        if status == "asserted":
            return event
        if status == "negated":
            return "REJECT"
        if status == "intended":
            if quad in (1, 2):
                return "AGREE"
            if event in THREAT_TYPES:
                return "THREATEN"
        return None

    def quad_class(self, plover_event: str | None, event: str) -> int | None:
        """Quad class (1-4) of ``plover_event`` when there is one, else of ``event``."""
        return self.quads.get(plover_event or event)

    def modes(self, event: str) -> tuple[str, ...]:
        """The valid PLOVER 2024 modes of an event type (empty for unknown types)."""
        return self.type_modes.get(event, ())

    def cameo(self, event: str, mode: str | None, status: str) -> str | None:
        """Nearest CAMEO code for the event as PLOVER would code it; None when there is no PLOVER event.

        Examples:
            >>> Reference.load().cameo("CONSULT", "visit", "asserted")
            '042'
        """
        plover = self.plover_event(event, status)
        if plover is None:
            return None
        mode = mode if mode in self.modes(event) else ""
        if status != "asserted":
            return self.choices.get((status, event, mode)) or self.choices.get((status, event, ""))
        if mode:
            found = self.choices.get(("asserted", event, mode)) or self._inverse(event, mode)
            if found:
                return found
        return self.choices.get(("asserted", event, "")) or self._inverse(event, "")

    def _inverse(self, event: str, mode: str) -> str | None:
        codes = [r.code for r in self.cameo_rows if r.plover_event == event and r.plover_mode == mode]
        return min(codes, key=_code_key) if codes else None

    def goldstein(self, cameo: str | None) -> float | None:
        """Goldstein score of a CAMEO code (ICEWS values), None if unknown."""
        return self.goldsteins.get(cameo) if cameo else None

    def derive(self, event: Event) -> Event:
        """A copy of ``event`` with ``plover_event``, ``quad_class``, ``cameo`` and ``goldstein`` filled."""
        plover = self.plover_event(event.event, event.status)
        cameo = self.cameo(event.event, event.mode, event.status)
        return dataclasses.replace(
            event,
            plover_event=plover,
            quad_class=self.quad_class(plover, event.event),
            cameo=cameo,
            goldstein=self.goldstein(cameo),
        )
