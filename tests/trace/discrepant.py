"""Small corpora written for the discrepancy tests: each the reports of one claim by a few
outlets that disagree in one way, or differ in a way that must not be flagged."""

from __future__ import annotations

from .corpora import Story

G, H, C = ("Harbourton Gazette", "gazette.example"), ("Bay Herald", "herald.example"), \
    ("Coastline Courier", "courier.example")


def _stories(*items: tuple[tuple[str, str], str, str, str]) -> list[Story]:
    """(outlet, domain), slug, date, body: each a story with a headline of its own."""
    return [Story(outlet, f"https://{domain}/{slug}", day, f"{slug.replace('-', ' ').title()}\n\n{body}")
            for (outlet, domain), slug, day, body in items]


NEGATION = _stories(
    (G, "flood-money", "2025-06-02",
     "\"The money should have been used for the flood defences in the lower town,\" Councillor Ruth "
     "Mayer said on Tuesday.\n\nThe council will vote on the spending report next week."),
    (H, "mayer-flood", "2025-06-03",
     "\"The money shouldn't have been used for the flood defences in the lower town,\" Councillor Ruth "
     "Mayer said.\n\nResidents of the lower town have waited four years for the new walls."),
)

NUMBER = _stories(
    (G, "eastfield-homes", "2025-06-05",
     "\"We will build 400 new homes in Eastfield by next spring,\" Mayor Jane Holt said.\n\n"
     "Builders welcomed the plan."),
    (H, "holt-homes", "2025-06-06",
     "\"We will build 40 new homes in Eastfield by next spring,\" Holt said.\n\n"
     "The opposition was sceptical."),
)

COSMETIC = _stories(
    (G, "harbour-plan", "2025-06-07",
     "\"The harbour defence plan is our first priority this year,\" said Mayor Jane Holt.\n\n"
     "The plan goes to the council in July."),
    (H, "holt-harbor", "2025-06-07",
     "“The harbor defense plan is our first priority this year,” Holt said.\n\nCouncillors will debate it."),
    (C, "priority", "2025-06-08",
     "Speaking on Friday, the mayor set out her agenda. \"The harbour defence plan is our first priority "
     "this year,\" she said.\n\nShe did not give a cost."),
)

ABRIDGED = _stories(
    (G, "library-hours", "2025-06-09",
     "\"The budget is tight, but we will protect the library opening hours whatever the council "
     "decides, because the library is where our children learn to read,\" Mayor Jane Holt said.\n\n"
     "Librarians had feared cuts."),
    (H, "library", "2025-06-10",
     "\"The budget is tight, but we will protect the library opening hours ... because the library is "
     "where our children learn to read,\" Holt said.\n\nThe council meets on Thursday."),
)

SPEAKERS = _stories(
    (G, "bridge-winter", "2025-06-11",
     "\"The new bridge will be finished before the winter storms arrive,\" said Tom Reyes, the city "
     "engineer.\n\nWork began in March."),
    (H, "bridge-finish", "2025-06-12",
     "\"The new bridge will be finished before the winter storms arrive,\" said Maria Chen, the transport "
     "minister.\n\nThe minister visited the site on Wednesday."),
)

SPOKESPERSON = _stories(
    (G, "board-confidence", "2025-06-13",
     "\"The minister has full confidence in the harbour board and its chair,\" said Paul Ortiz, a "
     "spokesman for Maria Chen.\n\nThe board has faced calls to resign."),
    (H, "chen-board", "2025-06-13",
     "\"The minister has full confidence in the harbour board and its chair,\" Maria Chen said.\n\n"
     "Critics want an inquiry."),
)

DOCUMENT = _stories(
    (G, "tanker-ban", "2025-06-14",
     "\"The port will not accept new tankers until the safety inspection ends,\" said Dan Kowalski, an "
     "adviser to Senator Alan Brook.\n\nThe inspection began in May."),
    (H, "tankers", "2025-06-15",
     "\"The port will not accept new tankers until the safety inspection ends,\" a statement from the "
     "senator's office said.\n\nShipping firms were not consulted."),
    (C, "tanker-queue", "2025-06-16",
     "Dock workers expect a quiet month.\n\n\"The port will not accept new tankers until the safety "
     "inspection ends.\"\n\nTanker crews are waiting offshore."),
)

RELAYED = _stories(
    (G, "holt-interview", "2025-06-17",
     "\"Our harbour will stay open to every fishing boat this summer,\" Mayor Jane Holt told the "
     "Harbourton Gazette on Monday.\n\nFishermen had feared new limits."),
    (H, "harbour-open", "2025-06-18",
     "The Harbourton Gazette reported: \"Our harbour will stay open to every fishing boat this summer.\"\n\n"
     "The fishing season starts in July."),
)

OCCASION = _stories(
    (G, "water-prices", "2025-06-02",
     "\"Nobody in this city will pay more for water next year,\" Holt said in an interview with CNN on "
     "Sunday.\n\nThe water board has asked for a rise."),
    (H, "holt-water", "2025-06-03",
     "\"Nobody in this city will pay more for water next year,\" Holt told Fox News on Thursday.\n\n"
     "The board meets next month."),
)

LAUNDERED = _stories(
    (G, "ferry-subsidy", "2025-06-20",
     "Unnamed officials said the Transport Ministry will cancel the ferry subsidy for the Barra island "
     "routes next year.\n\nIslanders rely on the subsidised fares."),
    (H, "subsidy-cut", "2025-06-22",
     "The Transport Ministry will cancel the ferry subsidy for the Barra island routes next year. "
     "Fares will double.\n\nThe ministry did not comment."),
)

HEDGE = _stories(
    (G, "rural-clinics", "2025-06-23",
     "The ministry could close three rural clinics before the end of the year, officials said.\n\n"
     "Doctors have protested."),
    (H, "clinics-close", "2025-06-24",
     "The ministry will close three rural clinics before the end of the year, officials said.\n\n"
     "Patients face longer journeys."),
)

CONTRADICTION = _stories(
    (G, "market-vote", "2025-06-24",
     "The Harbourton council closed the old harbour market on Monday after a long debate.\n\n"
     "Traders had campaigned for months."),
    (H, "market-stays", "2025-06-24",
     "The Harbourton council did not close the old harbour market on Monday after a long debate.\n\n"
     "Traders had campaigned for months."),
)

DEBATE = _stories(
    (G, "wall-pay", "2025-06-25",
     "\"Eastfield will pay for the new sea wall along the northern shore,\" Mayor Jane Holt said.\n\n"
     "The wall will cost millions."),
    (H, "wall-refusal", "2025-06-26",
     "\"Eastfield will not pay for the new sea wall along the northern shore,\" said Omar Haddad, the "
     "Eastfield council leader.\n\nHe called the plan unfair."),
)

SHORT = _stories(
    (G, "plan-disgrace", "2025-07-01",
     "Councillor Ruth Mayer said on Monday that the new harbour parking plan for the old town was "
     "\"a total disgrace\".\n\n"
     "The plan goes to a vote in August."),
    (H, "mayer-parking", "2025-07-02",
     "Councillor Ruth Mayer said on Monday that the new harbour parking plan for the old town was "
     "\"a disgrace\".\n\n"
     "Residents have complained for years."),
)
