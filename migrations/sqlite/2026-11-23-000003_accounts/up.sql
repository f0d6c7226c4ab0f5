-- Accounts of real organizations: a user's state (active, disabled, removed) instead of a
-- disabled flag, and set-password links (single-use, stored only as a hash, replaced by newer
-- ones). A user without a password yet has an empty password_hash and cannot sign in.
-- Keep in step with migrations/postgres/2026-11-23-000003_accounts/up.sql.

ALTER TABLE users ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
    CHECK (state IN ('active', 'disabled', 'removed'));
UPDATE users SET state = CASE WHEN disabled THEN 'disabled' ELSE 'active' END;
ALTER TABLE users DROP COLUMN disabled;

CREATE TABLE password_links (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    -- SHA-256 of the link's token, hex; the token itself is never stored.
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('new_user', 'reset')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'used', 'replaced')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    -- NULL when made on the command line.
    created_by TEXT REFERENCES users (id)
);
CREATE INDEX password_links_user ON password_links (user_id, status);
