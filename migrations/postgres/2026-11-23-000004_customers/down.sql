DROP TABLE imports;
DELETE FROM invitations WHERE status = 'withdrawn';
ALTER TABLE invitations DROP CONSTRAINT invitations_status_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_status_check
    CHECK (status IN ('pending', 'accepted', 'declined'));
DROP INDEX subscriptions_external;
ALTER TABLE subscriptions DROP COLUMN external_id;
ALTER TABLE subscriptions DROP COLUMN start_date;
UPDATE subscriptions SET status = 'suspended' WHERE status = 'cancelled';
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_status_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_status_check
    CHECK (status IN ('active', 'suspended'));
DROP INDEX organizations_domain;
ALTER TABLE organizations DROP COLUMN country;
ALTER TABLE organizations DROP COLUMN domain;
