ALTER TABLE api_clients DROP COLUMN rate_window_count;
ALTER TABLE api_clients DROP COLUMN rate_window_start;
