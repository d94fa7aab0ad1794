"""The sample's first review: Fabrikam's roadmap a month after the workshop.

The package ships it (``data/fabrikam-review-2026-12.json``) beside the
workshop itself, so that ``roadmap demo`` shows a series. It is built here,
from the workshop, with the same edits the room makes on the screen; a test
checks that the shipped file is what this builds.
"""

from __future__ import annotations

from datetime import datetime

from tui_roadmap.workshop.model import Workshop
from tui_roadmap.workshop.review import set_note, set_status, start_review
from tui_roadmap.workshop.roadmap import set_sizes, toggle_added
from tui_roadmap.workshop.scoping import add_epic, add_story, edit_epic, set_owner
from tui_roadmap.workshop.vote import set_tally

REVIEW_NAME = "Fabrikam H1 2027 review 2026-12-18"
REVIEW_HELD = datetime(2026, 12, 18, 10, 0)
REVIEW_FILE = "fabrikam-h1-2027-review-2026-12-18.json"


def _idea(workshop: Workshop, text: str) -> int:
    return next(idea.id for idea in workshop.ideas if idea.text.startswith(text))


def sample_review(workshop: Workshop) -> Workshop:
    """The review of the sample workshop, as the room left it."""
    review = start_review(workshop, REVIEW_NAME, REVIEW_HELD)
    statuses = [
        ("Password reset", "done", "Shipped on 2026-12-10"),
        ("Onboarding quiz", "doing", "In beta with 500 new members"),
        ("Referral rewards", "dropped", "Partner stores would not fund the free session"),
        ("Weather-aware", "todo", ""),
        ("Virtual try-on", "todo", "Needs the new camera SDK first"),
        ("Shop the look", "doing", ""),
        ("Premium plan", "todo", ""),
    ]
    for text, status, note in statuses:
        item = _idea(review, text)
        set_status(review, item, status)
        if note:
            set_note(review, item, note)
    review.place(_idea(review, "Weather-aware"), "2027-Q2")
    set_sizes(review, _idea(review, "Virtual try-on"), effort="L")
    review.edit_goal(2, metric="weekly active users from 18% to 25% of sign-ups by the end of Q2")
    review.add_goal("Keep support load flat", "at most 12 support tickets per 1,000 members a month")
    review.set_dots_each(3)
    for text, dots in [
        ("Import the wardrobe", 6),
        ("Size recommendation", 4),
        ("Accessibility audit", 3),
        ("Share looks", 2),
        ("Dark mode", 2),
        ("Outfit-of-the-day", 1),
    ]:
        set_tally(review, _idea(review, text), dots)
    review.set_cut(2)
    review.close_vote()
    wardrobe, sizes, audit = (_idea(review, t) for t in ("Import the wardrobe", "Size recommendation", "Accessibility"))
    review.place(wardrobe, "2027-Q2")
    set_sizes(review, wardrobe, priority="Should", effort="M")
    review.place(sizes, "2027-Q2")
    set_sizes(review, sizes, priority="Could", effort="S")
    review.tag_idea(audit, 4)
    toggle_added(review, audit)
    review.place(audit, "2027-Q1")
    set_sizes(review, audit, priority="Must", effort="S")
    quiz = _idea(review, "Onboarding quiz")
    set_owner(review, quiz, "Lena")
    flow = add_epic(review, quiz, "Quiz flow")
    add_story(review, quiz, flow, "Ten questions answered with photos")
    add_story(review, quiz, flow, "Skip a question and finish later")
    edit_epic(review, quiz, flow, "Quiz flow", "80% of testers finish it in under 60 seconds")
    profile = add_epic(review, quiz, "Style profile")
    add_story(review, quiz, profile, "Keep the answers as style tags")
    add_story(review, quiz, profile, "Show the style profile on the home screen")
    set_owner(review, wardrobe, "Marcus")
    email = add_epic(review, wardrobe, "Email import")
    add_story(review, wardrobe, email, "Connect a mailbox with read-only access")
    add_story(review, wardrobe, email, "Read order confirmations from the five largest stores")
    review.step = "review"
    review.updated = datetime(2026, 12, 18, 11, 30)
    return review
