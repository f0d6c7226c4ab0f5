-- Bulk changes of designated support contacts: each subscription's change is its own audit
-- event, and the events of one bulk change share its id here (NULL for every other event).
-- Keep in step with migrations/postgres/2026-12-05-000001_bulk_changes/up.sql.

ALTER TABLE audit_events ADD COLUMN bulk_change_id TEXT;
CREATE INDEX audit_events_bulk_change ON audit_events (bulk_change_id);
