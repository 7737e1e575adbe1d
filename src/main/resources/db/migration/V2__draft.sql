-- Drafts: each browser tab's current experiment (its settings, no results), a few seconds old, so that a tab that
-- reconnects to another instance (its own stopped or failed) gets its experiment back. One row per owner and tab.
CREATE TABLE draft (
    owner_hash text        NOT NULL CHECK (owner_hash ~ '^[0-9a-f]{64}$'),
    tab        text        NOT NULL CHECK (tab ~ '^[A-Za-z0-9-]{36}$'),
    saved      timestamptz NOT NULL,
    document   jsonb       NOT NULL,
    PRIMARY KEY (owner_hash, tab)
);
CREATE INDEX draft_saved ON draft (saved);
