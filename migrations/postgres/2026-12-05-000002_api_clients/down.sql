ALTER TABLE audit_events DROP COLUMN actor_api_client_id;
DROP TABLE api_tokens;
DROP TABLE api_clients;
