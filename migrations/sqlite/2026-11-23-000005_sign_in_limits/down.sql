DROP TABLE sign_in_failures;
ALTER TABLE user_sessions DROP COLUMN client_address;
ALTER TABLE user_sessions DROP COLUMN user_agent;
ALTER TABLE user_sessions DROP COLUMN last_seen_at;
