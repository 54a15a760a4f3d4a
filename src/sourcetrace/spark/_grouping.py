"""Stage two of the Spark job: the claims of every article grouped across the whole output,
and each group two articles carry traced.

Grouping asks what the corpus asks as it ingests (``sourcetrace.corpus._claims``): the claims
sharing an LSH bucket are compared by ``bucket_links`` (``relation``: the corpus's thresholds),
and a claim joins the group of every claim it matches, so a group is a connected component of
the matches. The corpus finds them one new claim at a time; here the components are found in
rounds of label propagation with pointer jumping (a few rounds: groups are small). Each group
is then traced by ``sourcetrace.trace.build_trace``, the function ``trace`` runs.
"""

from __future__ import annotations

import json
from operator import add
from typing import Any

from sourcetrace.corpus._claims import bucket_links, features
from sourcetrace.spark._rows import Bundle

__all__ = ["components", "group_claims"]

_CHECKPOINT_EVERY = 4  # rounds between cutting the lineage of the labels


def group_claims(bundles: Any, *, partitions: int) -> tuple[Any, Any, Any]:
    """From the article bundles (an RDD): the claims with their group, the variant pairs, and
    the traced groups (RDDs of rows), each shuffle into ``partitions`` partitions."""
    from pyspark import StorageLevel

    n = partitions

    candidates = bundles.flatMap(_bucketed)
    links = candidates.groupByKey(n).flatMap(lambda kv: bucket_links(list(kv[1]))).distinct(n)
    links.persist(StorageLevel.MEMORY_AND_DISK)
    same = links.filter(lambda link: link[2] != "variant").map(lambda link: (link[0], link[1]))
    variants = (links.filter(lambda link: link[2] == "variant")
                .map(lambda link: {"claim_id": link[1], "other_id": link[0]}))
    labels = components(same, partitions=n)
    claims = (bundles.flatMap(lambda b: b.tables["claims"]).map(lambda row: (row["claim_id"], row))
              .leftOuterJoin(labels, n)
              .map(lambda kv: kv[1][0] | {"grp": kv[1][1] if kv[1][1] is not None else kv[0]}))
    claims.persist(StorageLevel.MEMORY_AND_DISK)
    return claims, variants, _traces(bundles, claims, n)


def _bucketed(bundle: Bundle) -> list[tuple[int, tuple[int, Any]]]:
    rows = {row["claim_id"]: row for row in bundle.tables["claims"]}
    out = []
    for claim_id, keys in bundle.buckets.items():
        found = features(rows[claim_id]["words"], rows[claim_id]["names"])
        out += [(key, (claim_id, found)) for key in keys]
    return out


def components(edges: Any, *, partitions: int) -> Any:
    """The connected components of an RDD of ``(a, b)`` pairs: ``(node, label)`` for every node
    in a pair, the label the smallest node of its component."""
    from pyspark import StorageLevel

    n = partitions
    neighbours = edges.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])]).distinct(n)
    neighbours.persist(StorageLevel.MEMORY_AND_DISK)
    labels = neighbours.map(lambda kv: (kv[0], min(kv))).reduceByKey(min, n)
    rounds = 0
    while True:
        rounds += 1
        offered = neighbours.join(labels, n).map(lambda kv: (kv[1][0], kv[1][1]))
        better = labels.union(offered).reduceByKey(min, n)
        # pointer jumping: take the label of one's label, which halves the distance to the root
        jumped = (better.map(lambda kv: (kv[1], kv[0])).join(better, n)
                  .map(lambda kv: (kv[1][0], min(kv[0], kv[1][1]))))
        jumped.persist(StorageLevel.MEMORY_AND_DISK)
        if rounds % _CHECKPOINT_EVERY == 0:
            jumped.localCheckpoint()
        changed = jumped.join(labels, n).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = jumped
        if not changed:
            return labels


def _traces(bundles: Any, claims: Any, n: int) -> Any:
    """Every group two articles carry, traced: one row each."""
    shared = (claims.map(lambda row: (row["grp"], row["article_id"])).distinct(n)
              .map(lambda kv: (kv[0], 1)).reduceByKey(add, n).filter(lambda kv: kv[1] >= 2))
    articles = bundles.map(lambda b: (b.article_id, _article_fields(b)))
    members = (claims.map(lambda row: (row["grp"], row)).join(shared, n)
               .map(lambda kv: (kv[1][0]["article_id"], kv[1][0])).join(articles, n)
               .map(lambda kv: (kv[1][0]["grp"], _member(kv[1][0], kv[1][1]))))
    return members.groupByKey(n).map(lambda kv: trace_row(kv[0], list(kv[1])))


def _article_fields(bundle: Bundle) -> dict[str, Any]:
    article = bundle.tables["articles"][0]
    return {name: article[name] for name in ("outlet", "url", "title", "published", "wire", "domain",
                                             "signature", "input")} | {
        "links": [link["href"] for link in bundle.tables["links"]]}


def _member(row: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    """A claim as ``Corpus.group_members`` gives it to ``build_trace``."""
    member = {k: v for k, v in row.items() if k not in ("claim_id", "date")} | article
    member["id"] = row["claim_id"]
    member["via"] = [tuple(v) for v in json.loads(row["via"])] if row["via"] else []
    member["hedges"] = json.loads(row["hedges"]) if row["hedges"] else []
    return member


def trace_row(group: int, members: list[dict[str, Any]]) -> dict[str, Any]:
    """The row of one traced group (members in article and claim order, as the corpus gives
    them)."""
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
