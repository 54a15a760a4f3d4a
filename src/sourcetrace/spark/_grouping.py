"""Stage two of the Spark job: the claims of every article grouped across the whole output,
and each group two articles carry traced.

Grouping asks what the corpus asks as it ingests (``sourcetrace.corpus._claims``): the claims
sharing an LSH bucket are compared by ``bucket_links`` (``relation``: the corpus's thresholds),
and a claim joins the group of every claim it matches, so a group is a connected component of
the matches. The corpus finds them one new claim at a time; here the components are found by
label propagation with pointer jumping, in Spark SQL (a few rounds: groups are small). Each
group is then traced by ``sourcetrace.trace.build_trace``, the function ``trace`` runs. Python
runs only where the library's code does: comparing the claims of a bucket, tracing a group.
"""

from __future__ import annotations

import json
from typing import Any

from sourcetrace.corpus._claims import bucket_links, features
from sourcetrace.corpus._queries import decoded
from sourcetrace.spark._rows import COLUMNS, spark_type

__all__ = ["components", "group_claims", "trace_row"]

_ARTICLE_FIELDS = ("outlet", "url", "title", "published", "wire", "domain", "signature", "input")


def group_claims(articles: Any, *, partitions: int) -> tuple[Any, Any, Any]:
    """From stage one's articles (a DataFrame, one row each with its claims and their buckets):
    the claims with their group, the variant pairs, and the traced groups (DataFrames)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as f

    spark = articles.sparkSession
    n = partitions
    keyed = (articles.select(f.explode("buckets").alias("k"))
             .select(f.col("k.claim_id").alias("claim_id"), "k.words", "k.names",
                     f.explode("k.buckets").alias("bucket")))
    pairs = (keyed.rdd.map(lambda r: (r.bucket, (r.claim_id, features(r.words, r.names))))
             .groupByKey(n).flatMap(lambda kv: bucket_links(list(kv[1]))))
    links = spark.createDataFrame(pairs, "a long, b long, how string").distinct()
    links = links.persist(StorageLevel.MEMORY_AND_DISK)
    variants = (links.where("how = 'variant'")
                .select(f.col("b").alias("claim_id"), f.col("a").alias("other_id")))
    labels = components(links.where("how != 'variant'").select("a", "b"))
    claims = (articles.select(f.explode("claims").alias("r")).select("r.*").drop("grp")
              .join(labels, f.col("claim_id") == labels.node, "left")
              .withColumn("grp", f.coalesce("label", "claim_id"))
              .select(*COLUMNS["claims"]).persist(StorageLevel.MEMORY_AND_DISK))
    return claims, variants, _traces(articles, claims, n)


def components(edges: Any) -> Any:
    """The connected components of a DataFrame of pairs ``(a, b)``: ``(node, label)`` for every
    node in a pair, the label the smallest node of its component."""
    from pyspark.sql import functions as f

    neighbours = (edges.select(f.col("a").alias("src"), f.col("b").alias("dst"))
                  .union(edges.select("b", "a")).distinct().localCheckpoint())
    labels = (neighbours.groupBy("src").agg(f.least(f.col("src"), f.min("dst")).alias("label"))
              .withColumnRenamed("src", "node").localCheckpoint())
    while True:
        offered = (neighbours.join(labels, neighbours.src == labels.node)
                   .select(f.col("dst").alias("node"), "label"))
        better = labels.union(offered).groupBy("node").agg(f.min("label").alias("label"))
        # pointer jumping: take the label of one's label, which halves the distance to the root
        root = better.select(f.col("node").alias("r_node"), f.col("label").alias("r_label"))
        jumped = (better.join(root, better.label == root.r_node, "left")
                  .select("node", f.least("label", f.coalesce("r_label", "label")).alias("label"))
                  .localCheckpoint())
        changed = (jumped.join(labels.withColumnRenamed("label", "before"), "node")
                   .where("label != before").count())
        labels = jumped
        if not changed:
            return labels


def _traces(articles: Any, claims: Any, n: int) -> Any:
    """Every group two articles carry, traced: one row each."""
    from pyspark.sql import functions as f

    shared = (claims.groupBy("grp").agg(f.countDistinct("article_id").alias("n"))
              .where("n >= 2").select("grp"))
    fields = articles.select("article_id", *[f.col(f"article.{c}").alias(c) for c in _ARTICLE_FIELDS],
                             f.col("links.href").alias("links"))
    members = claims.drop("date").join(shared, "grp").join(fields, "article_id")
    traced = (members.rdd.map(lambda row: (row.grp, _member(row.asDict())))
              .groupByKey(n).map(lambda kv: _values(trace_row(kv[0], list(kv[1])))))
    return articles.sparkSession.createDataFrame(traced, spark_type(COLUMNS["groups"]), verifySchema=False)


def _values(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[c] for c in COLUMNS["groups"])


def _member(row: dict[str, Any]) -> dict[str, Any]:
    """A claim as ``Corpus.group_members`` gives it to ``build_trace``."""
    member = decoded(dict(row))
    member["id"] = member.pop("claim_id")
    member["signature"] = bytes(member["signature"]) if member["signature"] is not None else None
    member["links"] = list(member["links"] or [])
    return member


def trace_row(group: int, members: list[dict[str, Any]]) -> dict[str, Any]:
    """The row of one traced group (members in article and claim order, as the corpus gives
    them): ``first_published`` is the first day the claim appeared, ``first_outlets`` the
    outlets that carried it that day."""
    from sourcetrace.trace import build_trace

    members.sort(key=lambda m: (m["article_id"], m["idx"]))
    traced = build_trace(group, members)
    dated = [p for r in traced.reports for p in r.publications if p.published]
    first = min((p.published[:10] for p in dated if p.published), default=None)
    return {
        "grp": group, "claim": traced.claim, "reports": len(traced.reports),
        "articles": len({m["article_id"] for m in members}), "outlets": len(traced.outlets),
        "independence": traced.independence, "origins": [_label(traced, o) for o in traced.origins],
        "first_published": first,
        "first_outlets": sorted({p.outlet for p in dated if p.outlet and p.published
                                 and p.published[:10] == first}),
        "trace": json.dumps(traced.to_dict(), ensure_ascii=False),
    }


def _label(traced: Any, node_id: str) -> str:
    node = traced.node(node_id)
    return node.label if node is not None else node_id
