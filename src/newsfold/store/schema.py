"""The store's schema, as the migrations that build it: ``MIGRATIONS[n]`` brings a store at
version n-1 to n, the same list for both backends (``StoreBase._migrate`` runs them)."""

from __future__ import annotations

SCHEMA_VERSION = 9

# Written in SQL both backends read: BIGINT and DOUBLE PRECISION (64-bit on PostgreSQL, the same
# INTEGER and REAL affinities on SQLite), ``;`` only between statements. ``PostgresStore`` renders
# the few differences (``WITHOUT ROWID``, a ``rowid`` column, byte-order collation) itself, so a
# migration added here lands in both backends.
MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE pages (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL,
        url TEXT, outlet TEXT, fetched_at TEXT, content TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'new'  -- new | extracted | rejected
    );
    CREATE INDEX pages_state ON pages(state);  -- rowid keeps the order pages came in
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, page_id TEXT NOT NULL, outlet TEXT, headline TEXT, published TEXT,
        data TEXT NOT NULL,
        stage INTEGER NOT NULL DEFAULT 0  -- 0 to match, 1 matched (story pending), 2 in a story
    );
    CREATE INDEX articles_stage ON articles(stage);
    CREATE TABLE fingerprints (hash BIGINT NOT NULL, article_id TEXT NOT NULL);
    CREATE INDEX fingerprints_hash ON fingerprints(hash);
    CREATE INDEX fingerprints_article ON fingerprints(article_id);
    CREATE TABLE links (
        a TEXT NOT NULL, b TEXT NOT NULL, relation TEXT NOT NULL, jaccard DOUBLE PRECISION NOT NULL,
        a_in_b DOUBLE PRECISION NOT NULL, b_in_a DOUBLE PRECISION NOT NULL, PRIMARY KEY (a, b)
    );
    CREATE INDEX links_b ON links(b);
    CREATE TABLE rejected (
        source TEXT NOT NULL, reason TEXT NOT NULL, message TEXT NOT NULL, page_id TEXT,
        added_at TEXT NOT NULL, PRIMARY KEY (source, reason)
    );
    CREATE TABLE outlet_pages (outlet TEXT PRIMARY KEY, pages INTEGER NOT NULL);
    CREATE TABLE outlet_lines (
        outlet TEXT NOT NULL, key BIGINT NOT NULL, pages INTEGER NOT NULL,
        PRIMARY KEY (outlet, key)
    ) WITHOUT ROWID;
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, headline TEXT, published TEXT, published_utc TEXT NOT NULL,
        n_articles INTEGER NOT NULL,
        n_outlets INTEGER NOT NULL, data TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, relation TEXT NOT NULL,
        copy_group TEXT NOT NULL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE aliases (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);
    """,
    # how each page's bytes were decoded: UTF-8, a declared charset, or a detected one
    2: "ALTER TABLE pages ADD COLUMN encoding TEXT",
    # summary-only feed items, kept as teasers of their outlet (plain SQL: PostgreSQL runs it too)
    3: """
    CREATE TABLE feed_teasers (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, outlet TEXT, headline TEXT, url TEXT,
        summary TEXT NOT NULL, published TEXT, updated TEXT, feed_url TEXT, feed_updated TEXT,
        added_at TEXT NOT NULL
    );
    CREATE INDEX feed_teasers_outlet ON feed_teasers(outlet);
    """,
    # what the event assignment sees of each copy group, kept until its members change; and
    # the sentence embeddings of texts (extra [embed]), made once each
    4: """
    CREATE TABLE event_units (group_id TEXT PRIMARY KEY, members TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE embeddings (text_key TEXT PRIMARY KEY, vector TEXT NOT NULL);
    """,
    # each article's fingerprints on its row ("h1,h2,..."), and the postings (hash -> article)
    # filled in sorted bulk from the articles not indexed yet: kept in step batch by batch, two
    # indexes of random keys rewrote most of their pages at every commit
    5: """
    ALTER TABLE articles ADD COLUMN prints TEXT;
    ALTER TABLE articles ADD COLUMN indexed INTEGER NOT NULL DEFAULT 1;
    UPDATE articles SET prints = (
        SELECT group_concat(hash) FROM fingerprints WHERE fingerprints.article_id = articles.id
    );
    DROP INDEX fingerprints_article;
    CREATE INDEX articles_unindexed ON articles(id) WHERE indexed = 0;
    """,
    # whether each page's encoding was declared, detected or assumed, and what the input
    # sanitiser removed from it (JSON: {"nul": 3, "bidi": 1}); NULL on pages stored before
    6: """
    ALTER TABLE pages ADD COLUMN encoding_basis TEXT;
    ALTER TABLE pages ADD COLUMN sanitized TEXT
    """,
    # the search index (``search.py``): each story's searchable text (every headline, the
    # canonical text, the other readings: variants, reports, partial copies' own paragraphs),
    # its sort keys, and its facet values (outlet, credit, language, day); the engine's own
    # index over the text is added by ``BACKEND_MIGRATIONS``. ``doc`` is the story's number in
    # that index (FTS5 needs an integer key). A store opened at an older version is indexed
    # whole when migrated (``SearchRows._migrated``).
    7: """
    CREATE TABLE story_search (
        story_id TEXT PRIMARY KEY, doc BIGINT NOT NULL UNIQUE,
        headlines TEXT NOT NULL, body TEXT NOT NULL, other TEXT NOT NULL,
        updated_utc TEXT NOT NULL, n_copies INTEGER NOT NULL, n_reports INTEGER NOT NULL,
        n_updates INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE story_facets (
        story_id TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (story_id, facet, value)
    );
    CREATE INDEX story_facets_value ON story_facets(facet, value)
    """,
    # nothing both engines share: SQLite's search index is written by the store itself from
    # now on (``BACKEND_MIGRATIONS``)
    8: "",
    # each article's stage and whether its postings are written, in a narrow table of their
    # own: a flag set on the article's row rewrote the whole row, its JSON included (about
    # 6 KB a generated article), three times an article over a fold. The article rows are now
    # written once. The values are copied over before the columns go (their indexes first:
    # SQLite drops no indexed column)
    9: """
    CREATE TABLE article_stages (
        id TEXT PRIMARY KEY, stage INTEGER NOT NULL DEFAULT 0,
        indexed INTEGER NOT NULL DEFAULT 1
    ) WITHOUT ROWID;
    INSERT INTO article_stages (id, stage, indexed) SELECT id, stage, indexed FROM articles;
    CREATE INDEX article_stages_stage ON article_stages(stage);
    CREATE INDEX article_stages_unindexed ON article_stages(id) WHERE indexed = 0;
    DROP INDEX articles_stage;
    DROP INDEX articles_unindexed;
    ALTER TABLE articles DROP COLUMN stage;
    ALTER TABLE articles DROP COLUMN indexed
    """,
}

# What only one engine has, run after ``MIGRATIONS[n]`` on that backend, one statement an item
# (a trigger body holds ``;``). SQLite: an FTS5 table over ``story_search`` (external content:
# the text is stored once), kept in step by triggers. PostgreSQL: a tsvector column the server
# computes from the text (headlines weigh most), with a GIN index, in a text search
# configuration of its own: English stems, no stop words, so that a query of "the" finds what
# it finds on SQLite.
BACKEND_MIGRATIONS: dict[str, dict[int, list[str]]] = {
    "sqlite": {
        7: [
            "CREATE VIRTUAL TABLE story_fts USING fts5(headlines, body, other,"
            " content='story_search', content_rowid='doc',"
            " tokenize='porter unicode61 remove_diacritics 2')",
            "CREATE TRIGGER story_search_ai AFTER INSERT ON story_search BEGIN"
            " INSERT INTO story_fts(rowid, headlines, body, other)"
            " VALUES (new.doc, new.headlines, new.body, new.other); END",
            "CREATE TRIGGER story_search_ad AFTER DELETE ON story_search BEGIN"
            " INSERT INTO story_fts(story_fts, rowid, headlines, body, other)"
            " VALUES ('delete', old.doc, old.headlines, old.body, old.other); END",
            "CREATE TRIGGER story_search_au AFTER UPDATE ON story_search BEGIN"
            " INSERT INTO story_fts(story_fts, rowid, headlines, body, other)"
            " VALUES ('delete', old.doc, old.headlines, old.body, old.other);"
            " INSERT INTO story_fts(rowid, headlines, body, other)"
            " VALUES (new.doc, new.headlines, new.body, new.other); END",
        ],
        # the store writes and deletes the FTS5 rows itself, a batch of documents in one
        # statement (``SearchRows._fts_add``/``_fts_drop``): through the row triggers the
        # index cost 1.5 to 1.7 times the CPU on real dumps' stories (FTS5 then leaves more,
        # smaller segments to merge). The update trigger stays: no write updates a row.
        8: [
            "DROP TRIGGER IF EXISTS story_search_ai",
            "DROP TRIGGER IF EXISTS story_search_ad",
        ],
    },
    "postgresql": {
        7: [
            # a store rebuilt by hand in this schema may hold them already
            "DROP TEXT SEARCH CONFIGURATION IF EXISTS newsfold",
            "DROP TEXT SEARCH DICTIONARY IF EXISTS newsfold_stem",
            "CREATE TEXT SEARCH DICTIONARY newsfold_stem (TEMPLATE = snowball, Language = english)",
            "CREATE TEXT SEARCH CONFIGURATION newsfold (COPY = pg_catalog.simple)",
            "ALTER TEXT SEARCH CONFIGURATION newsfold ALTER MAPPING FOR asciiword, asciihword,"
            " hword_asciipart, word, hword, hword_part WITH newsfold_stem",
            "ALTER TABLE story_search ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
            " setweight(to_tsvector('newsfold', headlines), 'A')"
            " || setweight(to_tsvector('newsfold', body), 'B')"
            " || setweight(to_tsvector('newsfold', other), 'C')) STORED",
            "CREATE INDEX story_search_tsv ON story_search USING GIN (tsv)",
        ]
    },
}


# Tables read back in the order their rows came in (``ORDER BY rowid``): SQLite keeps a rowid for
# every table; the PostgreSQL store gives these a ``rowid`` column of its own.
INSERTION_ORDERED = ("pages",)
