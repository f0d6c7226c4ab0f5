-- API clients: a partner's Global admin makes them for its own programs. Each has a role (the
-- partner roles users have) and an expiry; its secret is shown once and stored only as the
-- SHA-256 of the secret (256 random bits, so no slow hash is needed). Access tokens are short
-- lived and stored the same way; revoking a client ends its tokens at once, because every use
-- of a token reads its client. Audit events made through the API name the client.
-- Keep in step with migrations/sqlite/2026-12-05-000002_api_clients/up.sql.

CREATE TABLE api_clients (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT REFERENCES users (id),
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX api_clients_organization ON api_clients (organization_id, created_at);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES api_clients (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX api_tokens_client ON api_tokens (client_id, expires_at);

ALTER TABLE audit_events ADD COLUMN actor_api_client_id TEXT;
