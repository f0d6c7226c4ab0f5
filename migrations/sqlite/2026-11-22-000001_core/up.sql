-- The core schema: organizations (providers, resellers, customers), their users and sessions,
-- partnerships, customer relationships, subscriptions and the audit log.
-- Keep in step with migrations/postgres/2026-11-22-000001_core/up.sql.

CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('indirect_provider', 'indirect_reseller', 'customer')),
    name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    partner_id TEXT,
    tenant_id TEXT NOT NULL UNIQUE,
    support_email TEXT,
    support_phone TEXT,
    support_website TEXT,
    created_at TIMESTAMP NOT NULL
);
-- Covers the Customers page: walk customers in name order and test the search text without
-- reading the table.
CREATE INDEX organizations_kind_name ON organizations (kind, name, id, search_name);
CREATE UNIQUE INDEX organizations_partner_id ON organizations (partner_id);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX users_organization ON users (organization_id);

CREATE TABLE user_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX user_sessions_user ON user_sessions (user_id);

CREATE TABLE partnerships (
    id TEXT PRIMARY KEY NOT NULL,
    provider_id TEXT NOT NULL REFERENCES organizations (id),
    reseller_id TEXT NOT NULL REFERENCES organizations (id),
    status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (provider_id, reseller_id)
);
CREATE INDEX partnerships_reseller ON partnerships (reseller_id);

CREATE TABLE customer_relationships (
    id TEXT PRIMARY KEY NOT NULL,
    partner_id TEXT NOT NULL REFERENCES organizations (id),
    customer_id TEXT NOT NULL REFERENCES organizations (id),
    delegated_admin BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (partner_id, customer_id)
);
CREATE INDEX customer_relationships_customer ON customer_relationships (customer_id);

CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL REFERENCES organizations (id),
    provider_id TEXT NOT NULL REFERENCES organizations (id),
    product_name TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    commerce_type TEXT NOT NULL CHECK (commerce_type IN ('license_based', 'new_commerce')),
    support_contact_id TEXT REFERENCES organizations (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX subscriptions_customer_provider ON subscriptions (customer_id, provider_id);
CREATE INDEX subscriptions_provider ON subscriptions (provider_id, customer_id);
CREATE INDEX subscriptions_support_contact ON subscriptions (support_contact_id);

CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    actor_user_id TEXT REFERENCES users (id),
    actor_name TEXT NOT NULL,
    customer_id TEXT REFERENCES organizations (id),
    object_kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    object_label TEXT NOT NULL,
    action TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    cause_event_id TEXT
);
CREATE INDEX audit_events_organization ON audit_events (organization_id, occurred_at);
CREATE INDEX audit_events_customer ON audit_events (customer_id, occurred_at);
