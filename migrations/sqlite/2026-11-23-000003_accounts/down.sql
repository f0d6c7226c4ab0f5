DROP TABLE password_links;
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE users SET disabled = (state <> 'active');
ALTER TABLE users DROP COLUMN state;
