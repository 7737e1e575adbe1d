-- OptLab's store in PostgreSQL (optlab.store=postgres): what the file store keeps in optlab.data-dir.

-- One row per saved experiment. The document is the experiment document as the lab saves it (JSONB); the other
-- columns are its owner's list line (My experiments), so that a list never reads a document.
CREATE TABLE experiment (
    id           text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{22}$'),
    owner_hash   text        NOT NULL CHECK (owner_hash ~ '^[0-9a-f]{64}$'), -- SHA-256 of the owner token, never the token
    name         text,
    saved        timestamptz NOT NULL,
    bytes        bigint      NOT NULL,
    final_losses text        NOT NULL,
    document     jsonb       NOT NULL
);
-- the owner index: an owner's list, the count against optlab.max-experiments-per-owner
CREATE INDEX experiment_owner ON experiment (owner_hash);

-- Uploaded CSVs, content-addressed: stored once by the SHA-256 of their bytes.
CREATE TABLE upload (
    sha256  text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes   bigint      NOT NULL,
    used    timestamptz NOT NULL, -- last sent or saved with; the cleanup removes unnamed uploads unused for the retention
    content bytea       NOT NULL
);

-- Who sent which upload (optlab.upload-quota-mb per owner); an upload the cleanup removes no longer counts.
CREATE TABLE upload_owner (
    owner_hash text NOT NULL CHECK (owner_hash ~ '^[0-9a-f]{64}$'),
    sha256     text NOT NULL REFERENCES upload (sha256) ON DELETE CASCADE,
    PRIMARY KEY (owner_hash, sha256)
);
