-- Sign-in limits and what a user sees of their sessions.
-- Keep in step with migrations/sqlite/2026-11-23-000005_sign_in_limits/up.sql.

-- When a session was last used (for the idle timeout), and the browser and address it was
-- opened from (for the list of one's own sessions).
ALTER TABLE user_sessions ADD COLUMN last_seen_at TIMESTAMP;
UPDATE user_sessions SET last_seen_at = created_at;
ALTER TABLE user_sessions ALTER COLUMN last_seen_at SET NOT NULL;
ALTER TABLE user_sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE user_sessions ADD COLUMN client_address TEXT NOT NULL DEFAULT '';

-- Failed sign-in attempts in the current window, per account (an email, known or not), per
-- client address and per second-factor user. The subject is a SHA-256 of the email, address
-- or user id, so the table holds no address that was typed.
CREATE TABLE sign_in_failures (
    scope TEXT NOT NULL CHECK (scope IN ('account', 'address', 'code')),
    subject TEXT NOT NULL,
    window_start TIMESTAMP NOT NULL,
    failures INTEGER NOT NULL,
    PRIMARY KEY (scope, subject)
);
