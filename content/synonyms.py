"""The field's words that mean the same thing, for query expansion: a search using any phrase of a group also
finds pages using another (`content.search`). The same for every visitor; expansion at query time only, so a
change here needs no reindexing. Lower case; a phrase matches whole words, the longest first."""

SYNONYMS: tuple[tuple[str, ...], ...] = (
    (
        "serious case review",
        "serious case reviews",
        "scr",
        "scrs",
        "child safeguarding practice review",
        "child safeguarding practice reviews",
        "local child safeguarding practice review",
        "cspr",
        "csprs",
        "lcspr",
        "lcsprs",
    ),
    ("cdop", "child death", "child deaths", "child death overview panel", "e-cdop"),
    ("mash", "front door", "multi-agency safeguarding hub", "multi agency safeguarding hub"),
    ("s11", "s.11", "section 11", "section eleven"),
    ("lado", "allegation", "allegations", "local authority designated officer", "managing allegations"),
    ("fgm", "female genital mutilation"),
    ("cse", "child sexual exploitation"),
    ("7 minute briefing", "7-minute briefing", "seven minute briefing", "briefing"),
    ("vcfs", "voluntary community and faith sector", "voluntary sector", "faith sector", "charity", "charities"),
    ("ncl", "north central london"),
    ("bscp", "barnet safeguarding children partnership"),
    ("lscb", "local safeguarding children board"),
    ("nhs number", "nhs no"),
)
