"""The citywork layout: city safety-committee work points (工作要点), alone or
collected several to a web page.

A page is cut into plans at their title lines (:mod:`.page`); each plan is a
preamble, ``一、`` sections and numbered measures (``1.`` ``1、`` ``(一)``)
whose unit lists stand in brackets inside the text, several to a measure,
each covering the sentences before it (read by the shared
:mod:`safetyplan.layouts.units`).
Plans of this family usually carry no letterhead, document number or
signature: their metadata is the title line and the year it names.  Where the
page collects a plan with its covering letter (between the page's heading for
the plan, or the letter's title that names the plan, and the plan's own
title), the letter's issuer, number and date are the plan's; where a
signature closes the plan, its issuer (where no letter names one) and date
are.  A government page's information table may give the number the letter
does not (``文号：…``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the page readers are imported on first use: listing the plugins reads no page
    from safetyplan.document import Document
    from safetyplan.model import Plan


class CityworkLayout:
    """City work points: one or several plans per file."""

    name = "citywork"
    aliases: tuple[str, ...] = ("city-work",)
    description = "city safety-committee work points (工作要点), one or many plans per file, unit lists in brackets"

    def detect(self, document: Document) -> float:
        from .detection import score

        return score(document)

    def parse(self, document: Document) -> list[Plan]:
        from .page import flatten, split_page
        from .reading import plan_from_piece

        pieces = split_page(flatten(document.blocks))
        return [plan_from_piece(piece, region=self.name) for piece in pieces]


__all__ = ["CityworkLayout"]
