"""The sample: Fabrikam's workshop, and its first review a month later.

The package ships both (``data/fabrikam-h1-2027.json`` and
``data/fabrikam-h1-2027-review-2026-11-20.json``), so that ``roadmap demo``
shows a series. What the room said after the vote (each goal's baseline and
target, the items' confidence, needs and risks, what it decided against,
and who does what by when) is added to the workshop by :func:`follow_through`,
and the review is built from the workshop by :func:`sample_review`, with the
same edits the room makes on the screen; tests check that the shipped files
are what these build.
"""

from __future__ import annotations

from datetime import date, datetime

from tui_roadmap.workshop import actions, items, metrics
from tui_roadmap.workshop.model import Workshop
from tui_roadmap.workshop.review import set_note, set_status, start_review
from tui_roadmap.workshop.roadmap import set_sizes, toggle_added
from tui_roadmap.workshop.scoping import add_epic, add_story, edit_epic, set_owner
from tui_roadmap.workshop.vote import set_tally

HELD = datetime(2026, 10, 16, 10, 0)
"""When the workshop was held (both sessions are in the past, so that the
demo never shows a meeting held after the day it is opened)."""
REVIEW_NAME = "Fabrikam H1 2027 review 2026-11-20"
REVIEW_HELD = datetime(2026, 11, 20, 10, 0)
REVIEW_FILE = "fabrikam-h1-2027-review-2026-11-20.json"
MEASURED = date(2026, 11, 18)
"""The day the review's metrics were measured."""


def _idea(workshop: Workshop, text: str) -> int:
    return next(idea.id for idea in workshop.ideas if idea.text.startswith(text))


def follow_through(workshop: Workshop) -> Workshop:
    """The workshop with what the room added once the roadmap was laid out:
    baselines and targets, confidence, needs and risks, what it will not
    do, and the actions agreed at the end."""
    workshop.created, workshop.updated = HELD, datetime(2026, 10, 16, 11, 45)
    workshop.next_review = REVIEW_HELD.date()
    for goal_id, baseline, target in [
        (1, "12,000 a month", "50,000 a month"),
        (2, "18%", "30%"),
        (3, "0%", "2%"),
    ]:
        metrics.edit_goal(workshop, goal_id, baseline=baseline, target=target)
    say_of_items(workshop)
    agree_actions(workshop)
    return workshop


def say_of_items(workshop: Workshop) -> Workshop:
    """What the room said of the sample's roadmap items (confidence, needs,
    risks) and the two ideas it decided against."""
    password, quiz = _idea(workshop, "Password reset"), _idea(workshop, "Onboarding quiz")
    try_on, shop, premium = (_idea(workshop, t) for t in ("Virtual try-on", "Shop the look", "Premium plan"))
    items.set_confidence(workshop, password, "High")
    items.set_confidence(workshop, quiz, "Medium")
    items.set_risk(workshop, quiz, "the quiz may feel long on small phones")
    items.set_confidence(workshop, try_on, "Low")
    items.set_risk(workshop, try_on, "the camera SDK is not chosen yet")
    items.set_confidence(workshop, shop, "Medium")
    items.set_needs(workshop, shop, [try_on])
    items.set_risk(workshop, shop, "partner stores must share their stock feed")
    items.set_confidence(workshop, premium, "Medium")
    items.set_needs(workshop, premium, [quiz])
    items.set_wont_do(workshop, _idea(workshop, "Dark mode"), "not a growth lever for H1")
    items.set_wont_do(workshop, _idea(workshop, "In-app support"), "email support is enough below 10,000 members")
    return workshop


def agree_actions(workshop: Workshop) -> Workshop:
    """The actions agreed at the end of the sample workshop: three
    checklist lines given an owner and a date, and one of the room's own."""
    for kind, words, owner, due in [
        ("scope", "Password reset", "Marcus", date(2026, 10, 30)),
        ("scope", "Virtual try-on", "Lena", date(2026, 11, 13)),
        ("share", "", "Priya", date(2026, 10, 23)),
    ]:
        line = actions.find_line(workshop, kind, words)
        actions.set_owner(workshop, line, owner)
        actions.set_due(workshop, line, due)
    actions.add_action(workshop, "Ask the partner stores for their stock feed", "Dana", date(2026, 11, 6))
    return workshop


def sample_review(workshop: Workshop) -> Workshop:
    """The review of the sample workshop, as the room left it."""
    review = start_review(workshop, REVIEW_NAME, REVIEW_HELD)
    statuses = [
        ("Password reset", "done", "Shipped on 2026-11-12"),
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
    metrics.edit_goal(review, 2, metric="weekly active users from 18% to 25% of sign-ups by the end of Q2")
    metrics.add_goal(review, "Keep support load flat", "at most 12 support tickets per 1,000 members a month")
    for goal_id, value in [(1, "19,500 a month"), (2, "21%"), (3, "0.4%")]:
        metrics.record_value(review, goal_id, value, MEASURED)
    for words in ("Share this draft", "Password reset", "stock feed"):
        actions.set_done(review, actions.find_action(review, words), True)
    actions.set_due(review, actions.find_action(review, "Virtual try-on"), date(2026, 12, 4))
    review.set_dots_each(3)
    for text, dots in [
        ("Import the wardrobe", 6),
        ("Size recommendation", 4),
        ("Accessibility audit", 3),
        ("Share looks", 2),
        ("Packing lists", 2),
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
    review.updated = datetime(2026, 11, 20, 11, 30)
    return review
