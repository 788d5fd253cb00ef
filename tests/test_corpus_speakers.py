"""Speakers across articles: conservative identity, on hand-built quotes and through the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrail.corpus import Store, connect_readonly, link_speakers, normalise_name
from quotetrail.corpus.queries import top_speakers
from quotetrail.ingest import ingest
from quotetrail.records import Article, Quote, Span


def said(
    name: str | None,
    *,
    kind: str | None = "person",
    mention: str | None = None,
    role: str | None = None,
    at: int = 0,
) -> Quote:
    """A quote by ``name`` (as the extractor resolved it), mentioned as ``mention``."""
    text = mention or name or "she"
    return Quote(
        kind="indirect",
        content=Span(at, at + 10, "the levy passed"),
        cue=None,
        speaker=Span(20, 20 + len(text), text),
        speaker_name=name,
        speaker_kind=kind,  # type: ignore[arg-type]
        speaker_role=role,
    )


def ids(quotes: list[Quote]) -> list[str | None]:
    return [link.id if link else None for link in link_speakers(quotes)]


def test_two_people_who_share_a_surname_are_two_speakers() -> None:
    hillary, bill = ids([said("Hillary Clinton"), said("Bill Clinton")])
    assert hillary and bill and hillary != bill


def test_a_surname_joins_the_only_full_name_in_its_article_that_ends_in_it() -> None:
    links = ids([said("Hillary Clinton"), said("Clinton", mention="Mrs. Clinton")])
    assert links[0] is not None and links[1] == links[0]


def test_a_surname_shared_by_two_people_in_the_article_stays_unlinked() -> None:
    links = ids([said("Hillary Clinton"), said("Bill Clinton"), said("Clinton")])
    assert links[2] is None and None not in links[:2]


def test_a_surname_alone_never_links_across_articles() -> None:
    assert ids([said("Clinton")]) == [None]
    assert ids([said("Trump"), said("Ivanka Trump")])[0] == ids([said("Ivanka Trump")])[0]


def test_generational_suffixes_are_not_surnames() -> None:
    full, short = ids([said("Martin Luther King Jr."), said("King")])
    assert full is not None and short == full


def test_speakers_without_a_name_get_no_record() -> None:
    unnamed = [
        said(None, mention="she"),  # an unresolved pronoun
        said("mayor", role="mayor", mention="the mayor"),  # a role noun
        said("Mayor", role="mayor", mention="The mayor"),  # capitalised at a sentence start
        said("officials", kind="other"),
        said("Several former RT journalists", kind="other"),  # a description
        said("Clinton", kind=None),
    ]
    assert ids(unnamed) == [None] * len(unnamed)


def test_one_word_organizations_and_countries_are_names() -> None:
    nato, china = ids([said("NATO", kind="organization"), said("China", kind="country")])
    assert nato is not None and china is not None
    assert ids([said("The NATO", kind="organization")]) != [None]


def test_same_name_different_kind_is_a_different_speaker() -> None:
    person, org = ids([said("Jordan Peterson"), said("Jordan Peterson", kind="organization")])
    assert person != org


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Loretta E. Lynch", "loretta e lynch"),
        ("Loretta E Lynch's", "Loretta E. Lynch"),
        ("PolitiFact\xa0", "Politifact"),
        ("Jean - Claude Juncker", "Jean-Claude Juncker"),
        ("O\u2019Rourke", "O'Rourke"),
    ],
)
def test_spelling_variants_of_one_name_normalise_alike(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_initials_keep_two_presidents_apart() -> None:
    assert normalise_name("George W. Bush") != normalise_name("George H. W. Bush")


def test_aliases_are_names_not_pronouns_or_descriptions() -> None:
    links = link_speakers(
        [
            said("Hillary Clinton", mention="Mrs. Clinton"),
            said("Hillary Clinton", mention="She"),
            said("Hillary Clinton", mention="the former secretary of state, Hillary Clinton"),
            said("Hillary Clinton", mention="The Democratic nominee Hillary Rodham Clinton"),
            said("Hillary Clinton", mention="The Secretary", role="Secretary"),
            said("Kurt Volker", mention="Volker and Morrison"),
            said("Kurt Volker", mention="Volker & Morrison"),
            said("Donald Trump", mention="Trump supporters"),
            said("Donald Trump", mention="Republican nominee"),
            said("Donald Trump", mention="De Blasio"),
            said("Donald Trump", mention="his recent attacks on Trump"),
            said("Joseph R. Biden Jr.", mention="Vice President Joseph R. Biden Jr."),
            said("John Kerry", mention="Secretary of State John Kerry"),
            said("Hillary Clinton", mention="spokesman for Mrs. Clinton"),
        ]
    )
    assert [link.alias if link else "?" for link in links] == [
        "Mrs. Clinton",
        None,
        None,
        "Democratic nominee Hillary Rodham Clinton",
        None,
        None,  # a group is not a name of one of its members
        None,
        None,  # not a way of naming him: the words do not end in his name
        None,
        None,
        None,
        "Vice President Joseph R. Biden Jr.",
        "Secretary of State John Kerry",  # a title with "of" still names him
        None,  # a phrase about her: another speaker resolved to her
    ]


def _article(n: int, published: str, quotes_by: list[tuple[str, str | None]]) -> tuple:
    text = f"Story {n}. " + " ".join(f"{name} spoke." for name, _ in quotes_by)
    quotes = [
        said(name, role=role, mention=name, at=20 * i) for i, (name, role) in enumerate(quotes_by)
    ]
    return Article(id=f"a{n}", text=text, source=f"{n}.txt", published=published), quotes


def test_records_accumulate_across_articles_in_the_store(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        for art, quotes in (
            _article(1, "2016-09-12", [("Hillary Clinton", "nominee"), ("Bill Clinton", None)]),
            _article(2, "2016-10-01", [("Hillary Clinton", "former secretary of state")]),
            _article(3, "2016-08-30", [("Hillary Clinton", "Nominee"), ("Clinton", None)]),
        ):
            store.add(art, quotes)
    speakers = {row["name"]: row for row in top_speakers(connect_readonly(db))}
    assert set(speakers) == {"Hillary Clinton", "Bill Clinton"}
    hillary = speakers["Hillary Clinton"]
    assert (hillary["n_quotes"], hillary["n_articles"]) == (4, 3)
    assert (hillary["first_seen"], hillary["last_seen"]) == ("2016-08-30", "2016-10-01")
    assert hillary["roles"] == ["former secretary of state", "nominee"]  # one per spelling case
    assert hillary["aliases"] == ["Clinton", "Hillary Clinton"]
    assert speakers["Bill Clinton"]["n_quotes"] == 1


def test_real_articles_about_two_clintons_make_two_records(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "hillary.txt").write_text(
        "Hillary Clinton campaigned in Ohio on Tuesday.\n"
        '"We are going to win this state," Hillary Clinton told supporters in Columbus.\n'
        "Clinton said that her plan would create jobs in every county.\n",
        encoding="utf-8",
    )
    (tmp_path / "news" / "bill.txt").write_text(
        "Former President Bill Clinton visited a factory in Iowa on Wednesday.\n"
        '"These workers built this country," Bill Clinton told the crowd.\n',
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    ingest([str(tmp_path / "news")], db)
    conn = connect_readonly(db)
    names = {row["name"]: row for row in top_speakers(conn)}
    assert {"Hillary Clinton", "Bill Clinton"} <= set(names)
    assert names["Hillary Clinton"]["n_quotes"] >= 2  # "Clinton said" joined Hillary
    assert names["Hillary Clinton"]["id"] != names["Bill Clinton"]["id"]
    bill_ids = conn.execute(
        "SELECT DISTINCT q.speaker_id FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE a.source LIKE '%bill.txt' AND q.speaker_id IS NOT NULL"
    ).fetchall()
    assert [row[0] for row in bill_ids] == [names["Bill Clinton"]["id"]]


@pytest.mark.parametrize(
    ("a", "b"),
    [("U.S. Attorney's Office", "US Attorney's Office"), ("Mr. Tim Cook", "Tim Cook")],
)
def test_dotted_acronyms_and_honorifics_do_not_count_in_a_name(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_a_group_of_people_gets_no_record() -> None:
    assert ids([said("Kurt Volker and Tim Morrison", mention="Volker and Morrison")]) == [None]


def _store_names(db: Path) -> dict[str, dict]:
    return {row["name"]: row for row in top_speakers(connect_readonly(db))}


def test_middle_name_variants_join_one_record_under_the_fuller_name(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        for art, quotes in (
            _article(1, "2019-11-20", [("Owen Dempsey", "consultant")]),
            _article(2, "2019-11-21", [("Owen John Dempsey", None), ("Owen Dempsey", None)]),
            _article(3, "2019-11-22", [("Owen Dempsey", "U.S. consultant")]),
            _article(4, "2019-11-23", [("Owen Dempsey", "US consultant")]),
        ):
            store.add(art, quotes)
    speakers = _store_names(db)
    assert set(speakers) == {"Owen John Dempsey"}
    record = speakers["Owen John Dempsey"]
    assert (record["n_quotes"], record["n_articles"]) == (5, 4)
    assert "Owen Dempsey" in record["aliases"]
    assert set(record["roles"]) == {"consultant", "U.S. consultant"}  # "US" is a spelling


def test_different_people_stay_apart_across_articles(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        for art, quotes in (
            _article(1, "2016-09-12", [("Hillary Clinton", None)]),
            _article(2, "2016-09-13", [("Bill Clinton", None)]),
            _article(3, "2004-01-10", [("George W. Bush", None)]),
            _article(4, "1990-01-10", [("George H. W. Bush", None)]),
            _article(5, "2000-01-10", [("George Bush", None)]),  # which one? neither
        ):
            store.add(art, quotes)
    assert set(_store_names(db)) == {
        "Hillary Clinton",
        "Bill Clinton",
        "George W. Bush",
        "George H. W. Bush",
        "George Bush",
    }


def test_real_articles_name_one_person_with_and_without_a_middle_name(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "first.txt").write_text(
        "Dr. Owen John Dempsey of the Aberdeen Royal Infirmary led the study.\n\n"
        '"The case was extremely rare," Dempsey said on Tuesday.\n',
        encoding="utf-8",
    )
    (tmp_path / "news" / "second.txt").write_text(
        "Owen Dempsey, a respiratory consultant, reviewed the scans last week.\n\n"
        '"We had never seen anything like it," Owen Dempsey told reporters.\n',
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    ingest([str(tmp_path / "news")], db)
    speakers = _store_names(db)
    assert "Owen John Dempsey" in speakers and "Owen Dempsey" not in speakers
    assert speakers["Owen John Dempsey"]["n_articles"] == 2
