"""The provenance benchmark harness on a tiny PolNeAR-shaped corpus written to tmp_path."""

from __future__ import annotations

import random
from pathlib import Path

from quotetrail.cli import main
from quotetrail.eval.provenance import build_benchmark, evaluate_provenance, format_report
from quotetrail.provenance.transforms import RECIPES, add_summary, reorder, substitute

VOCABULARY = """senator governor voters campaign budget election debate rally county state
policy economy taxes border trade school health court judge ruling bill vote poll survey
reporter editor council mayor bridge river harbour factory farm energy price market"""
WORDS = VOCABULARY.split()
QUOTE = "“We are going to win this state and we are going to win it big in November,”"


def article(rng: random.Random, n: int) -> str:
    paragraphs = []
    for p in range(6):
        sentences = []
        for _ in range(3):
            words = [rng.choice(WORDS) for _ in range(rng.randint(9, 14))]
            sentences.append(" ".join(words).capitalize() + f" {n}{p}.")
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def polnear(root: Path, n: int = 40) -> Path:
    rng = random.Random(5)
    rows = ["compartment\tfilename\tpublisher\tpublication_date\ttrump_count\tclinton_count"]
    for split in ("train", "dev"):
        (root / split / "text").mkdir(parents=True)
        (root / split / "attributions").mkdir()
    for k in range(n):
        split = "train" if k % 4 else "dev"
        name = f"outlet{k % 3}_2016-0{k % 9 + 1}-1{k % 7}_story-{k}"
        body = article(rng, k)
        if k % 5 == 0:
            body += f"\n\n{QUOTE} the candidate said."
            at = body.index(QUOTE)
            ann = f"T1\tContent {at} {at + len(QUOTE)}\t{QUOTE}\nE1\tAttribution:T9 Content:T1\n"
            (root / split / "attributions" / f"{name}_a1.ann").write_text(ann, encoding="utf-8")
        (root / split / "text" / f"{name}.txt").write_text(body, encoding="utf-8")
        rows.append(f"{split}\t{name}\toutlet{k % 3}\t2016-0{k % 9 + 1}-1{k % 7}\t{k % 3}\t1")
    rows.append("test\tnever_read\toutlet0\t2016-11-01\t1\t1")
    (root / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def test_benchmark_is_deterministic_and_scores_its_own_copies(tmp_path, capsys):
    root = polnear(tmp_path / "polnear")
    bench = build_benchmark(root, None, seed=3, families=8)
    again = build_benchmark(root, None, seed=3, families=8)
    assert [a.text for a in bench.articles] == [a.text for a in again.articles]
    assert all("never_read" not in a.id for a in bench.articles)
    kinds = {g.kind for g in bench.gold.values()}
    assert kinds >= {"exact", "footer", "light", "heavy", "shares_quotes"}
    scores = evaluate_provenance(bench)
    assert scores["template_pairs_related"] == 0
    assert scores["same_site_related"] == 0
    for kind in ("exact", "footer", "light"):
        c = scores["kinds"][kind]
        assert c["found"] == c["gold"], kind
    assert scores["labels"]["duplicate"].get("fp", 0) == 0
    assert "precision by label" in format_report(scores)
    assert (
        main(["eval", "provenance", "--polnear", str(root), "--families", "8", "--seed", "3"]) == 0
    )
    assert "direction dated" in capsys.readouterr().out


def test_a_plain_folder_of_texts_works_too(tmp_path):
    root = polnear(tmp_path / "polnear")
    bench = build_benchmark(root / "train" / "text", None, seed=3, families=6)
    assert sum("~" in a.id for a in bench.articles) >= 6
    assert all(a.published for a in bench.articles if "~" not in a.id)
    assert evaluate_provenance(bench)["template_pairs_related"] == 0


def test_transformations_are_seeded_and_documented():
    text = "The senator said the budget was wrong. Voters also agreed.\n\nThe mayor told reporters."
    assert substitute(text, random.Random(1), 1.0) == substitute(text, random.Random(1), 1.0)
    assert substitute(text, random.Random(1), 1.0) != text
    assert reorder(text, random.Random(2), 1.0, False).startswith("Voters also agreed.")
    assert add_summary(text, random.Random(3)).split("\n\n")[-1].split(",")[0] in {
        "In conclusion",
        "In summary",
        "Overall",
        "To sum up",
        "All in all",
    }
    assert RECIPES["exact"].apply(text, random.Random(4)) == text
    assert {r.label for r in RECIPES.values()} == {"duplicate", "rewrite"}
