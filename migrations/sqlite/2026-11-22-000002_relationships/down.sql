DROP INDEX audit_events_related;
ALTER TABLE audit_events DROP COLUMN related_organization_id;
DROP TABLE invitations;
