-- The eventwire store. Keys are content hashes, so re-inserting the same article is a no-op.
CREATE TABLE IF NOT EXISTS articles (
    content_hash VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    title VARCHAR, url VARCHAR, published DATE, publisher VARCHAR, origin VARCHAR,
    text VARCHAR NOT NULL,
    n_events INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    content_hash VARCHAR NOT NULL,
    event_index INTEGER NOT NULL,
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    published DATE,
    sentence_index INTEGER, sentence VARCHAR,
    trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    source_text VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR[], source_id VARCHAR,
    target_text VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR[], target_id VARCHAR,
    cameo VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL, cameo_label VARCHAR,
    goldstein DOUBLE, quad_class INTEGER,
    plover VARCHAR, plover_mode VARCHAR, plover_context VARCHAR[],
    modality VARCHAR,
    attributed_text VARCHAR, attributed_name VARCHAR, attributed_country VARCHAR, attributed_sector VARCHAR[],
    date DATE, date_granularity VARCHAR, date_source VARCHAR,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, geonames_id BIGINT,
    confidence DOUBLE, rule VARCHAR,
    PRIMARY KEY (content_hash, event_index)
);
CREATE TABLE IF NOT EXISTS mentions (
    content_hash VARCHAR NOT NULL, mention_index INTEGER NOT NULL,
    text VARCHAR, start_char INTEGER, end_char INTEGER, sentence_index INTEGER,
    name VARCHAR, country VARCHAR, sector VARCHAR[], actor_id VARCHAR, via VARCHAR,
    PRIMARY KEY (content_hash, mention_index)
);
CREATE TABLE IF NOT EXISTS quotes (
    content_hash VARCHAR NOT NULL, quote_index INTEGER NOT NULL,
    text VARCHAR, start_char INTEGER, end_char INTEGER, kind VARCHAR,
    speaker_text VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR,
    addressee_text VARCHAR, addressee_name VARCHAR, addressee_country VARCHAR,
    reported_by_text VARCHAR, reported_by_name VARCHAR, reported_by_country VARCHAR,
    PRIMARY KEY (content_hash, quote_index)
);
CREATE TABLE IF NOT EXISTS places (
    content_hash VARCHAR NOT NULL, place_index INTEGER NOT NULL,
    text VARCHAR, start_char INTEGER, end_char INTEGER, name VARCHAR, country VARCHAR,
    lat DOUBLE, lon DOUBLE, geonames_id BIGINT, feature VARCHAR,
    PRIMARY KEY (content_hash, place_index)
);
CREATE TABLE IF NOT EXISTS errors (
    error_key VARCHAR PRIMARY KEY,
    doc_id VARCHAR, origin VARCHAR, reason VARCHAR NOT NULL
);
-- Single-event and single-article lookups (the dashboard's provenance pages).
CREATE INDEX IF NOT EXISTS events_event_id ON events (event_id);
CREATE INDEX IF NOT EXISTS articles_doc_id ON articles (doc_id);
