-- Indexes for the list pages at a hundred thousand customers and a million subscriptions: the
-- audit log is read newest first by (occurred_at, id) from each of its three sides, so each
-- index ends with both and a page is one index walk that stops after the page; a reseller's
-- supported subscriptions and the counts beside its customers come from one index.
-- Keep in step with migrations/postgres/2026-12-05-000003_list_indexes/up.sql.

DROP INDEX audit_events_organization;
CREATE INDEX audit_events_organization ON audit_events (organization_id, occurred_at, id);
DROP INDEX audit_events_related;
CREATE INDEX audit_events_related ON audit_events (related_organization_id, occurred_at, id);
DROP INDEX audit_events_customer;
CREATE INDEX audit_events_customer ON audit_events (customer_id, occurred_at, id);
DROP INDEX subscriptions_support_contact;
CREATE INDEX subscriptions_support_contact ON subscriptions (support_contact_id, customer_id);
