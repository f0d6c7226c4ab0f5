DROP INDEX audit_events_bulk_change;
ALTER TABLE audit_events DROP COLUMN bulk_change_id;
