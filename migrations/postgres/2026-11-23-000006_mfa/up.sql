-- Multi-factor authentication (TOTP, RFC 6238): each user's authenticator secret, when it was
-- set up and the last time step accepted (a code is never accepted twice); single-use recovery
-- codes, stored only as the SHA-256 of the code; and whether an organization requires MFA of
-- all its users. Partner organizations require it (Partner Center does), customers choose.
-- Keep in step with migrations/sqlite/2026-11-23-000006_mfa/up.sql.

ALTER TABLE users ADD COLUMN mfa_secret TEXT;
ALTER TABLE users ADD COLUMN mfa_enrolled_at TIMESTAMP;
-- A time step (seconds since 1970 / 30) fits an INTEGER until the year 4000.
ALTER TABLE users ADD COLUMN mfa_last_step INTEGER;

ALTER TABLE organizations ADD COLUMN mfa_required BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE organizations SET mfa_required = TRUE WHERE kind <> 'customer';

CREATE TABLE mfa_recovery_codes (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    -- SHA-256 of the normalized code, hex; the code itself is shown once and never stored.
    code_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX mfa_recovery_codes_user ON mfa_recovery_codes (user_id, code_hash);
