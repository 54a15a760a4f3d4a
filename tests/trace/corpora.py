"""Small corpora written for the trace tests: each a list of articles (outlet, URL, date, text,
links) that exercise one way a claim travels between outlets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sourcetrace.model import Article, Link


@dataclass(frozen=True)
class Story:
    outlet: str
    url: str
    published: str
    text: str
    link: tuple[str, str] | None = None  # (anchor text, href) inside the text
    wire: str | None = None

    def article(self) -> Article:
        links = ()
        if self.link:
            anchor, href = self.link
            start = self.text.index(anchor)
            links = (Link(start, start + len(anchor), href, anchor),)
        name = self.url.split("://", 1)[-1].replace("/", "_")
        return Article.from_text(self.text, input=f"{name}.txt", url=self.url,
                                 outlet=self.outlet, published=self.published, links=links, wire=self.wire)


def store(corpus: Any, stories: Iterable[Story], analyzer: Any) -> None:
    """Analyse each story with the real engine and store it in ``corpus``."""
    for story in stories:
        corpus.add(analyzer.analyze(story.article()))


WIRE_TEXT = (
    "Port Fees To Rise Next Year\n\n"
    "HARBOURTON (AP) — The port authority will raise docking fees by 15 percent next year, "
    "spokeswoman Ana Lopez said on Monday.\n\n"
    "Lopez said the increase would pay for dredging the main channel, which has not been deepened "
    "since 1998. Shipping companies have warned that the fees could push cargo to rival ports.\n\n"
    "The authority's board approved the budget in a closed session last week."
)
WIRE = [
    Story(outlet, f"https://{domain}/news/port-fees", "2025-03-03", WIRE_TEXT, wire="Associated Press")
    for outlet, domain in (("Harbourton Gazette", "gazette.example"), ("Bay Herald", "herald.example"),
                           ("Coastline Courier", "courier.example"))
]

RELAY = [
    Story("Harbourton Gazette", "https://gazette.example/news/ferry-terminal", "2025-03-01",
          "City Plans To Close Ferry Terminal\n\n"
          "Officials who asked not to be named said the city will close the old ferry terminal in March "
          "to save money on repairs.\n\n"
          "The terminal has served the island routes since 1962. Its closure would leave commuters with "
          "the northern pier only."),
    Story("Coastline Courier", "https://courier.example/2025/terminal", "2025-03-02",
          "Commuters Fear Longer Queues\n\n"
          "The Harbourton Gazette reported that the city will close the old ferry terminal in March to save "
          "money on repairs.\n\n"
          "Commuter groups said they would ask the council to reconsider before the budget vote.",
          link=("The Harbourton Gazette reported", "https://gazette.example/news/ferry-terminal")),
    Story("Bay Herald", "https://herald.example/terminal-closure", "2025-03-03",
          "Ferry Terminal To Shut\n\n"
          "The city will close the old ferry terminal in March to save money on repairs, the Harbourton "
          "Gazette reported.\n\n"
          "The council has not confirmed the plan. A spokesman for the mayor did not answer calls."),
]

ANONYMOUS = [
    Story("Bay Herald", "https://herald.example/grain-licences", "2025-04-10",
          "Grain Licences Delayed\n\n"
          "Unnamed officials said the ministry will delay the grain export licences until June because "
          "of the audit.\n\n"
          "Exporters have waited since January for the new permits."),
    Story("Coastline Courier", "https://courier.example/grain", "2025-04-11",
          "Exporters Left Waiting\n\n"
          "Farmers at the harbour market were angry on Friday. Officials who were not authorised to speak "
          "said the ministry will delay the grain export licences until June because of the audit.\n\n"
          "The ministry declined to comment."),
]

QUOTED = [
    Story(outlet, url, date, text)
    for outlet, url, date, text in (
        ("Harbourton Gazette", "https://gazette.example/taxes", "2025-05-02",
         "Mayor Rules Out Tax Rise\n\n"
         "\"We will not raise property taxes this year,\" Mayor Jane Holt said at the council meeting.\n\n"
         "The council is expected to adopt the budget next month."),
        ("Bay Herald", "https://herald.example/holt-taxes", "2025-05-02",
         "No New Taxes, Holt Says\n\n"
         "Speaking to reporters after a tense debate, Holt promised stability. \"We will not raise "
         "property taxes this year,\" she said.\n\n"
         "Opposition councillors called the pledge unrealistic."),
        ("Coastline Courier", "https://courier.example/budget-debate", "2025-05-03",
         "Budget Debate Heats Up\n\n"
         "The budget debate dragged past midnight. \"We will not raise property taxes this year,\" said "
         "Jane Holt, the mayor.\n\n"
         "Residents packed the public gallery."),
    )
]

UNNAMED = [Story("Island Post", "https://post.example/budget-night", "2025-05-03",
                 "Budget Night\n\nThe mayor spoke for an hour to a packed hall.\n\n"
                 "\"We will not raise property taxes this year.\"\n\nCouncillors were sceptical.")]
"""A quotation printed without its speaker, as one more outlet's report of ``QUOTED``."""
