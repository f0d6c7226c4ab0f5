DROP INDEX audit_events_customer;
CREATE INDEX audit_events_customer ON audit_events (customer_id, occurred_at, id);
DROP INDEX audit_events_organization;
CREATE INDEX audit_events_organization ON audit_events (organization_id, occurred_at, id);
DROP INDEX audit_events_related;
CREATE INDEX audit_events_related ON audit_events (related_organization_id, occurred_at, id);
