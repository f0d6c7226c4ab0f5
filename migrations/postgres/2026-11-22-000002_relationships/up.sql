-- Relationships made in the product: invitations (single-use links that request a partnership
-- or a customer relationship), and the audit log's second organization, so that both sides of a
-- relationship see its changes in their log.
-- Keep in step with migrations/sqlite/2026-11-22-000002_relationships/up.sql.

CREATE TABLE invitations (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('partnership', 'customer_relationship')),
    -- SHA-256 of the link's token, hex; the token itself is never stored.
    token_hash TEXT NOT NULL UNIQUE,
    inviting_organization_id TEXT NOT NULL REFERENCES organizations (id),
    -- The reseller a partnership invitation names; the customer a customer-relationship
    -- invitation names, or NULL until a customer accepts it.
    target_organization_id TEXT REFERENCES organizations (id),
    delegated_admin BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    used_by TEXT REFERENCES users (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    CHECK (kind = 'customer_relationship' OR target_organization_id IS NOT NULL),
    CHECK (kind = 'customer_relationship' OR NOT delegated_admin)
);
CREATE INDEX invitations_inviting ON invitations (inviting_organization_id, status, created_at);

-- The other partner an event concerns (the reseller of a partnership, the partner whose
-- relationship a customer changed, the reseller that lost a designation). No foreign key, so
-- that the column can be dropped again on SQLite; organizations are never deleted.
ALTER TABLE audit_events ADD COLUMN related_organization_id TEXT;
CREATE INDEX audit_events_related ON audit_events (related_organization_id, occurred_at);
