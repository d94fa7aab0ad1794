"""The session's settings: the mission line, the product, the timeframe, the
doc link and the date of the next review, in one form (ctrl+t, on any step)."""

from __future__ import annotations

from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.screens.dialogs import Field, FormDialog
from tui_roadmap.workshop.capture import read_date
from tui_roadmap.workshop.checklist import next_review, review_cadence
from tui_roadmap.workshop.model import Workshop, WorkshopError
from tui_roadmap.workshop.timeframe import TIMEFRAME_HELP, Timeframe, TimeframeError

LABELS = ("Mission", "Product", "Timeframe", "Doc link", "Review on")


def settings_dialog(screen: WorkshopBase, focus: int = 0) -> FormDialog:
    """The form, filled in with the session as it is."""
    workshop = screen.workshop
    review_rule = f"{next_review(workshop).isoformat()} by the rule ({review_cadence(workshop)}); or YYYY-MM-DD"
    fields = [
        Field("Mission", workshop.mission, "The mission line the goals serve"),
        Field("Product", workshop.product, "The product's name"),
        Field("Timeframe", workshop.timeframe.spec(), TIMEFRAME_HELP),
        Field("Doc link", workshop.doc_link, "Where the roadmap will live (the QR code opens it)"),
        Field("Review on", workshop.next_review.isoformat() if workshop.next_review else "", review_rule),
    ]

    def check(values: list[str]) -> str | None:
        try:
            Timeframe.parse(values[2])
            read_date(values[4])
        except (TimeframeError, WorkshopError) as error:
            return str(error)
        return None

    def save(values: list[str]) -> None:
        mission, product, timeframe, doc_link, review = values

        def change(workshop: Workshop) -> None:
            parsed, day = Timeframe.parse(timeframe), read_date(review)
            workshop.set_details(mission=mission, product=product, doc_link=doc_link)
            workshop.set_timeframe(parsed)
            workshop.set_next_review(day)

        screen.apply(change, "the session's settings")

    return FormDialog("The session", fields, check, focus, apply=save)
