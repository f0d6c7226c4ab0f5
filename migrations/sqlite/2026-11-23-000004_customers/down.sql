DROP TABLE imports;
DELETE FROM invitations WHERE status = 'withdrawn';
CREATE TABLE invitations_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('partnership', 'customer_relationship')),
    token_hash TEXT NOT NULL UNIQUE,
    inviting_organization_id TEXT NOT NULL REFERENCES organizations (id),
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
INSERT INTO invitations_rebuilt SELECT * FROM invitations;
DROP TABLE invitations;
ALTER TABLE invitations_rebuilt RENAME TO invitations;
CREATE INDEX invitations_inviting ON invitations (inviting_organization_id, status, created_at);
UPDATE subscriptions SET status = 'suspended' WHERE status = 'cancelled';
CREATE TABLE subscriptions_rebuilt (
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
INSERT INTO subscriptions_rebuilt
    SELECT id, customer_id, provider_id, product_name, quantity, status, commerce_type,
           support_contact_id, version, created_at, updated_at
    FROM subscriptions;
DROP TABLE subscriptions;
ALTER TABLE subscriptions_rebuilt RENAME TO subscriptions;
CREATE INDEX subscriptions_customer_provider ON subscriptions (customer_id, provider_id);
CREATE INDEX subscriptions_provider ON subscriptions (provider_id, customer_id);
CREATE INDEX subscriptions_support_contact ON subscriptions (support_contact_id);
DROP INDEX organizations_domain;
ALTER TABLE organizations DROP COLUMN country;
ALTER TABLE organizations DROP COLUMN domain;
