-- The API's rate limit counts each client's requests in a fixed window kept on the client's
-- row, so every instance behind a load balancer counts the same requests.
-- Keep in step with migrations/postgres/2026-12-05-000010_api_rate_windows/up.sql.

ALTER TABLE api_clients ADD COLUMN rate_window_start TIMESTAMP;
ALTER TABLE api_clients ADD COLUMN rate_window_count INTEGER NOT NULL DEFAULT 0;
