-- Customers and subscriptions of a real partner: a customer's primary domain and country, a
-- subscription's start date, its ID in the partner's billing system and its cancelled state,
-- withdrawn invitations, and CSV imports waiting between their preview and being applied.
-- Keep in step with migrations/sqlite/2026-11-23-000004_customers/up.sql.

ALTER TABLE organizations ADD COLUMN domain TEXT;
ALTER TABLE organizations ADD COLUMN country TEXT;
CREATE UNIQUE INDEX organizations_domain ON organizations (domain);

ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_status_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_status_check
    CHECK (status IN ('active', 'suspended', 'cancelled'));
ALTER TABLE subscriptions ADD COLUMN start_date DATE;
UPDATE subscriptions SET start_date = created_at::date;
ALTER TABLE subscriptions ALTER COLUMN start_date SET NOT NULL;
ALTER TABLE subscriptions ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX subscriptions_external ON subscriptions (provider_id, external_id);

ALTER TABLE invitations DROP CONSTRAINT invitations_status_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_status_check
    CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn'));

CREATE TABLE imports (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    file_name TEXT NOT NULL,
    content TEXT NOT NULL,
    applied_at TIMESTAMP
);
CREATE INDEX imports_organization ON imports (organization_id, created_at);
