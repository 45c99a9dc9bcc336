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
- reviews: analyst corrections and decisions (the web app writes here; the store never deletes them; an
  undone review keeps its row, marked `undone_at`, and the undo is a review row of its own).
- document_texts: each article's text and entities, for the web app's evidence and article pages.
- users: accounts of the web app (argon2 password hashes); settings: the web app's session secret.
- place_mentions: every place an article names, resolved or not (`rasid.store.places`); a mention's
  `place_idx` says which of its document's places the event sits at, so gazetteer updates reach stored
  events (`rasid gazetteer reresolve`) without re-extracting.
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
sa.Index("ix_documents_outlet", documents.c.outlet)
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
    sa.Column("place_idx", sa.Integer),  # the document's place_mentions.idx the event sits at (0005)
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
    sa.Column("undone_at", sa.String(32)),  # set when an analyst undoes this review
    sa.Column("undone_by", sa.String(128)),
)
sa.Index("ix_reviews_event_key", reviews.c.event_key)

place_mentions = sa.Table(
    "place_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),  # order among the document's place entities
    sa.Column("start", sa.Integer, nullable=False),  # offsets into the original text
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),  # the words of the mention ("قرية X")
    sa.Column("name", sa.String(255)),  # the place as coded (English; the Arabic name when unresolved)
    sa.Column("name_key", sa.String(255), nullable=False),  # normalised Arabic name, for look-ups and grouping
    sa.Column("place_id", sa.String(64)),  # gazetteer id (None: unresolved)
    sa.Column("place_lat", sa.Float),  # the gazetteer's own point for place_id when coded
    sa.Column("place_lon", sa.Float),
    sa.Column("latitude", sa.Float),  # where the mention was coded
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("unresolved", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("updated_at", sa.String(32), nullable=False),
)
sa.Index("ix_place_mentions_document_id", place_mentions.c.document_id)
sa.Index("ix_place_mentions_unresolved", place_mentions.c.unresolved, place_mentions.c.name_key)
sa.Index("ix_place_mentions_place_id", place_mentions.c.place_id)
sa.Index("ix_reviews_created_at", reviews.c.created_at)
sa.Index("ix_resolved_events_status", resolved_events.c.status)
# the web app's panels: covering indexes, so the timeline, the governorate table and the map's grouping
# read an index in order instead of sorting every event
sa.Index("ix_resolved_events_day_type", resolved_events.c.event_date, resolved_events.c.event_type)
sa.Index("ix_resolved_events_admin1_day", resolved_events.c.admin1, resolved_events.c.event_date,
         resolved_events.c.fatalities)
sa.Index("ix_resolved_events_place_type", resolved_events.c.latitude, resolved_events.c.longitude,
         resolved_events.c.event_type)
sa.Index("ix_resolved_events_actors", resolved_events.c.actor1, resolved_events.c.actor2,
         resolved_events.c.assoc_actor_1, resolved_events.c.assoc_actor_2)
# newest first ("event_date DESC NULLS LAST, event_key DESC") is this index read backwards; PostgreSQL only:
# SQLite's ascending order already puts NULLs first, so its date index serves (and it has no NULLS FIRST)
sa.Index("ix_resolved_events_newest", resolved_events.c.event_date.asc().nulls_first(),
         resolved_events.c.event_key).ddl_if(dialect="postgresql")
#: Indexes that exist on one database only (the schema comparison skips them elsewhere).
PG_ONLY_INDEXES = frozenset({"ix_resolved_events_newest"})
#: Columns the database computes (and their indexes) that these tables leave out, so no select or insert
#: meets them: PostgreSQL's lower-cased actors for the actor filter (migration 0006).
DB_ONLY = frozenset({"actors_lc", "ix_resolved_events_actors_lc"})

document_texts = sa.Table(
    "document_texts",
    metadata,
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True,
              autoincrement=False),
    sa.Column("text", sa.Text, nullable=False),  # Document.text: every offset points into it
    sa.Column("entities", sa.JSON),  # DocResult.entities (actors, places incl. unresolved, dates, quantities)
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.UniqueConstraint("name", name="uq_users_name"),
)

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# --- copies of one story (rasid/store/copies.py, migration 0004) ------------------------------------
# doc_sketches: the article's word 3-gram hashes (exact copy check) and the story it belongs to (the
# connected group of copy links; the key is its smallest member content hash, so it does not depend on
# ingest order). sketch_bands: MinHash LSH band keys with the publication day, the index that finds copy
# candidates (an article dated d only looks at bands of days d +- 3 and of undated articles).
# copy_links: verified copies, with their similarity (an explanation an analyst can read).
doc_sketches = sa.Table(
    "doc_sketches",
    metadata,
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("n_shingles", sa.Integer, nullable=False),
    sa.Column("shingles", sa.LargeBinary, nullable=False),  # sorted little-endian uint32 hashes
    sa.Column("story_key", sa.String(32), nullable=False),
)
sa.Index("ix_doc_sketches_story_key", doc_sketches.c.story_key)

sketch_bands = sa.Table(
    "sketch_bands",
    metadata,
    sa.Column("band_key", sa.BigInteger, primary_key=True),
    sa.Column("day", sa.Integer, primary_key=True),  # ordinal of the publication date, 0 when unknown
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,  # the table is its own (band_key, day) index
)
sa.Index("ix_sketch_bands_document_id", sketch_bands.c.document_id)

copy_links = sa.Table(
    "copy_links",
    metadata,
    sa.Column("document_a", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("document_b", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("jaccard", sa.Float, nullable=False),
    sa.Column("containment", sa.Float, nullable=False),
    sa.UniqueConstraint("document_a", "document_b", name="uq_copy_links_pair"),
)
sa.Index("ix_copy_links_document_b", copy_links.c.document_b)
