-- The audit log's customer-name filter: the customers' index carries both organization
-- columns, so the events of a few customers are tested for the reader's side from the index;
-- the indexes of the two sides carry the customer, so a walk of a partner's log tests each
-- event's customer from the index. The customers' names are found by the trigram index of
-- 2026-12-05-000003_list_indexes; SQLite gets its own trigram index here.
-- Keep in step with migrations/sqlite/2026-12-06-000001_name_search/up.sql.

DROP INDEX audit_events_customer;
CREATE INDEX audit_events_customer
    ON audit_events (customer_id, occurred_at, id, organization_id, related_organization_id);
DROP INDEX audit_events_organization;
CREATE INDEX audit_events_organization ON audit_events (organization_id, occurred_at, id, customer_id);
DROP INDEX audit_events_related;
CREATE INDEX audit_events_related
    ON audit_events (related_organization_id, occurred_at, id, customer_id);
