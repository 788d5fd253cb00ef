"""The JSON API's response shapes, for validation and the OpenAPI schema at /openapi.json.

Field names are the project's vocabulary (DESIGN.md), the same as the corpus columns.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field

__all__ = [
    "ArticleOut",
    "ArticleQuote",
    "DateCount",
    "ErrorBody",
    "ErrorOut",
    "ExtractOut",
    "ExtractedQuote",
    "MergeOut",
    "MergedOut",
    "OutletCount",
    "QuoteOut",
    "QuotePage",
    "RenderingOut",
    "SpeakerOut",
    "SplitOut",
    "StoryOut",
    "TakeBackOut",
    "UtteranceOut",
]


Confidence = Annotated[
    float | None,
    Field(
        description="the finder's confidence that this is an attributed statement (0-1); "
        "null for a quotation given to the speaker in focus"
    ),
]


class QuoteOut(BaseModel):
    id: str
    article_id: str
    date: str | None = Field(description="the article's published date; null when unknown")
    published: str | None
    outlet: str | None
    title: str | None
    url: str | None
    kind: str
    speaker_id: str | None = Field(description="the speaker record, when the name was clear")
    speaker: str | None = Field(description="the speaker record's name, else the article's")
    speaker_text: str | None = Field(description="the mention in the text (may be a pronoun)")
    speaker_name: str | None
    speaker_kind: str | None
    speaker_role: str | None
    via: str | None = Field(None, description="the party that relayed it, as written")
    via_kind: str | None = Field(None, description='"outlet", or the relaying speaker\'s kind')
    via_id: str | None = Field(None, description="the relaying party's speaker record")
    cue_text: str | None
    cue_lemma: str | None
    confidence: Confidence
    attribution: str = Field(
        "communicated", description='"communicated" (a statement) or "belief" (scope all only)'
    )
    content_start: int
    content_end: int
    content_text: str
    cluster: str | None = Field(None, description="the utterance cluster (quotetrail link)")
    takes_back: str | None = Field(
        None, description="the utterance cluster this statement retracts or clarifies"
    )


class QuotePage(BaseModel):
    total: int
    page: int
    per_page: int
    next: str | None = Field(description="path and query of the next page, if any")
    quotes: list[QuoteOut]


class DateCount(BaseModel):
    date: str | None = Field(description="an article date; null for undated articles")
    n: int


class OutletCount(BaseModel):
    outlet: str | None
    n: int
    n_articles: int


class MergedOut(BaseModel):
    id: str = Field(description="the merged record (split it with POST .../split)")
    name: str
    score: float
    evidence: dict[str, Any]


class MergeOut(BaseModel):
    speaker_id: str
    name: str
    into_id: str
    into_name: str
    score: float
    evidence: dict[str, Any]


class SplitOut(BaseModel):
    split: list[str] = Field(description="the two records, kept apart by every later link run")


class SpeakerOut(BaseModel):
    id: str
    name: str
    kind: str
    n_quotes: int
    n_articles: int
    first_seen: str | None = Field(description="earliest article date; null if none is dated")
    last_seen: str | None = Field(description="latest article date; null if none is dated")
    aliases: list[str]
    roles: list[str]
    dates: list[DateCount] = Field(description="statements per article date")
    outlets: list[OutletCount]
    quotes: QuotePage = Field(description="the first page of their statements, newest first")
    n_relayed: int = Field(0, description="statements of others this record relayed (via)")
    relayed: QuotePage | None = Field(
        None, description="the first page of the statements it relayed, newest first"
    )
    merged: list[MergedOut] = Field(
        default_factory=list, description="records merged into this one, with the evidence"
    )


class ArticleQuote(BaseModel):
    id: str
    kind: str
    content_start: int
    content_end: int
    content_text: str
    cue_start: int | None
    cue_end: int | None
    cue_text: str | None
    cue_lemma: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_text: str | None
    speaker_name: str | None
    speaker_kind: str | None
    speaker_role: str | None
    via: str | None = Field(None, description="the party that relayed it, as written")
    via_kind: str | None = Field(None, description='"outlet", or the relaying speaker\'s kind')
    via_id: str | None = Field(None, description="the relaying party's speaker record")
    confidence: Confidence
    attribution: str = Field(
        "communicated", description='"communicated" (a statement) or "belief" (scope all only)'
    )
    speaker_id: str | None
    speaker: str | None
    cluster: str | None = None
    takes_back: str | None = None


class ArticleOut(BaseModel):
    id: str
    url: str | None
    title: str | None
    outlet: str | None
    authors: list[str]
    published: str | None
    date: str | None = Field(description="the published date as YYYY-MM-DD; null when unknown")
    ingested_at: str | None = None
    text: str
    quotes: list[ArticleQuote]


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class CueOut(SpanOut):
    lemma: str


class ExtractedQuote(BaseModel):
    kind: str
    content: SpanOut
    cue: CueOut | None
    speaker: SpanOut | None
    speaker_name: str | None
    speaker_kind: str | None
    speaker_role: str | None
    via: str | None
    via_kind: str | None = None
    confidence: Confidence
    attribution: str = Field(
        "communicated", description='"communicated" (a statement) or "belief" (scope all only)'
    )


class ExtractOut(BaseModel):
    chars: int
    scope: str = Field("statements", description='"statements" (default) or "all"')
    quotes: list[ExtractedQuote]


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


class DiffRun(BaseModel):
    op: str = Field(description="same, added or removed, against the first rendering")
    text: str


class RenderingOut(BaseModel):
    quote_id: str
    article_id: str
    position: int
    score: float = Field(description="content similarity to the first rendering")
    content_text: str
    kind: str
    speaker_name: str | None
    title: str | None
    published: str | None
    outlet: str | None
    first: bool
    diff: list[DiffRun]


class TakeBackOut(BaseModel):
    quote_id: str
    cluster: str = Field(description="the utterance cluster it takes back")
    sense: str = Field(description="retraction, apology, correction or clarification")
    article_id: str
    content_text: str
    speaker_name: str | None
    title: str | None
    published: str | None
    outlet: str | None
    evidence: dict[str, Any]


class UtteranceOut(BaseModel):
    id: str
    speaker_name: str | None
    direction: str = Field(description="dated when dates decide the first appearance")
    outlets: list[str] = Field(description="in order of first appearance")
    n_articles: int
    renderings: list[RenderingOut]
    taken_back_by: list[TakeBackOut]


class StoryArticle(BaseModel):
    id: str
    title: str | None
    source: str
    published: str | None
    outlet: str | None


class StoryOut(BaseModel):
    article_id: str
    articles: list[StoryArticle] = Field(description="the story's articles, earliest first")
    pairs: list[dict[str, Any]] = Field(description="copy and rewrite pairs among them")
    utterances: list[UtteranceOut] = Field(description="utterances they share, earliest first")
    retractions: list[TakeBackOut]
