"""Tables of the store (SQLAlchemy Core; the same schema on SQLite and PostgreSQL).

The migrations in `rasid/store/migrations/versions/` create exactly these tables; change both together
(a new Alembic revision per change, never an edit of an applied one).

- documents: the current version of each article: one row per identity (its file path, or its doc_id)
  and per distinct text (content hash), with the extractor version that produced its mentions and claims.
- document_versions: the versions that a re-ingest replaced (what changed, when), for provenance.
- mentions: event mentions as extracted (one row per `Event` of a `DocResult`), with blocking keys
  (day, geo cell, type family) and the resolved event (`cluster_key`) they belong to.
- resolved_events: one row per real-world event, ACLED fields merged over its mentions; `status` leaves
  room for analyst review (auto | confirmed | rejected | edited).
- merge_links: why two mentions were merged (fields that matched, distance km, date gap).
- claims: claim records with a normalised subject key for grouping across articles.
- reviews: analyst corrections and decisions (the web app writes here; the store never deletes them).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("doc_id", sa.String(512), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.String(255)),
    sa.Column("published", sa.String(10)),
    sa.Column("url", sa.Text),
    sa.Column("source_path", sa.Text),
    sa.Column("language", sa.String(16)),
    sa.Column("extractor_version", sa.String(32), nullable=False),
    sa.Column("n_chars", sa.Integer, nullable=False, server_default="0"),
    sa.Column("errors", sa.JSON),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
    # "file:<absolute path>" or "id:<doc_id>" (JSONL records, API documents): one current version each
    sa.Column("identity", sa.String(1024)),
    # sha256 of the content hash and the metadata given with the input: a correction changes it
    sa.Column("input_hash", sa.String(64)),
    sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
)
sa.Index("ix_documents_doc_id", documents.c.doc_id)
sa.Index("ix_documents_published", documents.c.published)
sa.Index("ix_documents_identity", documents.c.identity)

document_versions = sa.Table(
    "document_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("identity", sa.String(1024)),
    sa.Column("doc_id", sa.String(512), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.String(255)),
    sa.Column("published", sa.String(10)),
    sa.Column("url", sa.Text),
    sa.Column("source_path", sa.Text),
    sa.Column("extractor_version", sa.String(32), nullable=False),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Column("replaced_at", sa.String(32), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
)
sa.Index("ix_document_versions_identity", document_versions.c.identity)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("mention_key", sa.String(80), nullable=False),  # "<content hash[:16]>:<index>", stable
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("event_date", sa.String(10)),
    sa.Column("time_precision", sa.Integer),
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("sub_event_type", sa.String(64), nullable=False),
    sa.Column("actor1", sa.String(255)),
    sa.Column("assoc_actor_1", sa.String(255)),
    sa.Column("actor2", sa.String(255)),
    sa.Column("assoc_actor_2", sa.String(255)),
    sa.Column("inter1", sa.Integer),
    sa.Column("inter2", sa.Integer),
    sa.Column("interaction", sa.Integer),
    sa.Column("location", sa.String(255)),
    sa.Column("admin1", sa.String(255)),
    sa.Column("admin2", sa.String(255)),
    sa.Column("country", sa.String(128)),
    sa.Column("iso", sa.Integer),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("fatalities", sa.Integer, nullable=False, server_default="0"),
    sa.Column("notes", sa.Text),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("confidence", sa.Float),
    sa.Column("evidence", sa.JSON),
    # blocking keys for resolution
    sa.Column("family", sa.String(16), nullable=False),
    sa.Column("day", sa.Integer),  # proleptic ordinal of event_date
    sa.Column("cell_lat", sa.Integer),  # floor(lat / 0.1)
    sa.Column("cell_lon", sa.Integer),
    sa.Column("cluster_key", sa.String(32)),
    sa.UniqueConstraint("mention_key", name="uq_mentions_mention_key"),
)
sa.Index("ix_mentions_document_id", mentions.c.document_id)
sa.Index("ix_mentions_block", mentions.c.family, mentions.c.day)
sa.Index("ix_mentions_cluster_key", mentions.c.cluster_key)

resolved_events = sa.Table(
    "resolved_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_key", sa.String(32), nullable=False),  # "ev-" + 12 hex, deterministic
    sa.Column("event_id_cnty", sa.String(32), nullable=False),
    sa.Column("event_date", sa.String(10)),
    sa.Column("year", sa.Integer),
    sa.Column("time_precision", sa.Integer),
    sa.Column("disorder_type", sa.String(64)),
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("sub_event_type", sa.String(64), nullable=False),
    sa.Column("actor1", sa.String(255)),
    sa.Column("assoc_actor_1", sa.String(255)),
    sa.Column("inter1", sa.Integer),
    sa.Column("actor2", sa.String(255)),
    sa.Column("assoc_actor_2", sa.String(255)),
    sa.Column("inter2", sa.Integer),
    sa.Column("interaction", sa.Integer),
    sa.Column("civilian_targeting", sa.String(32)),
    sa.Column("iso", sa.Integer),
    sa.Column("region", sa.String(64)),
    sa.Column("country", sa.String(128)),
    sa.Column("admin1", sa.String(255)),
    sa.Column("admin2", sa.String(255)),
    sa.Column("admin3", sa.String(255)),
    sa.Column("location", sa.String(255)),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("source", sa.Text),
    sa.Column("source_scale", sa.String(64)),
    sa.Column("notes", sa.Text),
    sa.Column("fatalities", sa.Integer, nullable=False, server_default="0"),
    sa.Column("tags", sa.Text),
    sa.Column("timestamp", sa.Integer),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("n_mentions", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("fatalities_by_source", sa.JSON),
    sa.Column("status", sa.String(16), nullable=False, server_default="auto"),
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.UniqueConstraint("event_key", name="uq_resolved_events_event_key"),
)
sa.Index("ix_resolved_events_date", resolved_events.c.event_date)
sa.Index("ix_resolved_events_type", resolved_events.c.event_type)
sa.Index("ix_resolved_events_admin1", resolved_events.c.admin1)
sa.Index("ix_resolved_events_latlon", resolved_events.c.latitude, resolved_events.c.longitude)
sa.Index("ix_resolved_events_event_id_cnty", resolved_events.c.event_id_cnty)

merge_links = sa.Table(
    "merge_links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_key", sa.String(32), nullable=False),
    sa.Column("mention_a", sa.String(80), nullable=False),
    sa.Column("mention_b", sa.String(80), nullable=False),
    sa.Column("explanation", sa.JSON, nullable=False),
)
sa.Index("ix_merge_links_event_key", merge_links.c.event_key)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("subject_key", sa.String(255), nullable=False),
    sa.Column("value", sa.JSON),
    sa.Column("unit", sa.String(64)),
    sa.Column("qualifier", sa.String(16), nullable=False),
    sa.Column("stance", sa.String(16), nullable=False),
    sa.Column("speaker", sa.JSON),
    sa.Column("source_type", sa.String(32)),
    sa.Column("claim_date", sa.String(10)),
    sa.Column("event_index", sa.Integer),
    sa.Column("evidence", sa.JSON),
)
sa.Index("ix_claims_document_id", claims.c.document_id)
sa.Index("ix_claims_subject_key", claims.c.subject_key)

reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_key", sa.String(32), nullable=False),
    sa.Column("mention_keys", sa.JSON),  # stable anchor when the event key changes after re-resolution
    sa.Column("action", sa.String(32), nullable=False),  # confirm | reject | edit | split | merge
    sa.Column("field", sa.String(64)),
    sa.Column("old_value", sa.JSON),
    sa.Column("new_value", sa.JSON),
    sa.Column("reviewer", sa.String(128)),
    sa.Column("note", sa.Text),
    sa.Column("created_at", sa.String(32), nullable=False),
)
sa.Index("ix_reviews_event_key", reviews.c.event_key)
