"""Data, not code: characters, template patterns and word lists the provenance stages share.

Review these like a lexicon. Template patterns match whole lines (after normalisation) that
sites and syndication plugins stamp on every article; a line matching one is never evidence
that two articles are related.
"""

from __future__ import annotations

import re

DOUBLE_QUOTES = '"“”„‟«»″〝〞＂'
SINGLE_QUOTES = "'‘’‚‛′`´"
DASHES = "‐‑‒–—―−"

# Matched against the normalised line (casefolded, unified quotes/dashes, single spaces),
# from its start. TEMPLATE_LINES apply to lines up to ProvenanceOptions.pattern_max_words
# words, SHORT_TEMPLATE_LINES to lines of at most SHORT_LINE_WORDS words (generic words such
# as "advertisement" or "comments" open body sentences too, but not a whole short line).
TEMPLATE_LINES: tuple[str, ...] = (
    r"source link\b",
    r"source:? https?://",
    r"(?:read|see) (?:more|also|the full|the original|full story|original)\b",
    r"(?:related|more|trending|recommended)(?: stories| articles| coverage| reading)?:",
    r"share (?:this|on|via)\b",
    r"(?:click|tap) (?:here|to (?:read|see|share|subscribe|learn|watch|download))\b",
    r"(?:follow|like|find) us on\b",
    r"(?:sign up|subscribe|register|enter your email)\b.{0,80}"
    r"\b(?:newsletter|briefing|mailing list|inbox|updates|alerts)\b",
    r"(?:sign up|subscribe) (?:for|to) (?:our|the|receive|get)\b",
    r"(?:get|receive) (?:our|the) (?:latest|top|daily|weekly|free)\b.{0,80}"
    r"\b(?:newsletter|inbox|email)\b",
    r"(?:copyright )?(?:©|\(c\)) ?\d{0,4}",
    r"copyright \d{4}\b",
    r"all rights reserved\b",
    r"this (?:article|story|post) (?:was |is |has been )?(?:originally |first )?"
    r"(?:published|appeared|posted|republished)\b",
    r"(?:originally|first) (?:published|appeared) (?:on|in|at)\b",
    r"republished (?:with|by) permission\b",
    r"(?:photo|image|video) (?:credit|courtesy|source):",
    r"leave a (?:comment|reply)\b",
    r"join the (?:discussion|conversation)\b",
    r"(?:tags|filed under|categories|posted in):",
    r"(?:we|you) (?:may|might) (?:earn|receive) (?:a )?commission\b",
    r"support (?:our|independent) journalism\b",
    r"(?:disclaimer|editor's note):",
    r"(?:the )?views expressed (?:in this|here|are)\b",
)
SHORT_LINE_WORDS = 6
SHORT_TEMPLATE_LINES: tuple[str, ...] = (
    r"advertisement\W*",
    r"(?:sponsored|promoted)(?: content| stories| links)?\W*",
    r"comments?\W*\d*\W*",
    r"(?:(?:share|tweet|email|print|pin it|whatsapp|facebook|twitter|linkedin|reddit|"
    r"copy link|x)\b\W*)+",
    r"(?:previous|next) (?:article|post|story|page)\W*",
    r"(?:donate|subscribe|log ?in|sign in|menu|home|back to top)\W*",
    r"(?:(?:ap|afp|getty|reuters|file) )?(?:photo|image|images|video)\b.*",
)
TEMPLATE_RE = re.compile("|".join(f"(?:{p})" for p in TEMPLATE_LINES))
SHORT_TEMPLATE_RE = re.compile("|".join(f"(?:{p})$" for p in SHORT_TEMPLATE_LINES))


# A full stop after these does not end a sentence.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ABBREVIATIONS = _words(
    "mr mrs ms dr prof sen rep gov gen lt col sgt capt cmdr adm st jr sr inc ltd co corp "
    "vs etc no nos fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n d.c "
    "ala ariz calif colo conn fla ga ill ind kan ky la mass md mich minn miss mo mont neb "
    "nev okla ore pa tenn tex va vt wash wis wyo rev hon pres supt dept est approx"
)

# Words too common to show that two sentences say the same thing.
STOPWORDS = _words(
    "a an the and or but if of to in on at by for with from as into onto about over under "
    "after before than then that this these those there here it its it's is are was were be "
    "been being has have had having do does did doing will would shall should can could may "
    "might must not no nor so too very just also only even still yet i me my we us our you "
    "your he him his she her they them their who whom whose which what when where why how "
    "all any both each few more most other some such own same up down out off again further "
    "once said says say told according mr mrs ms"
)
