DROP TABLE mfa_recovery_codes;
ALTER TABLE organizations DROP COLUMN mfa_required;
ALTER TABLE users DROP COLUMN mfa_last_step;
ALTER TABLE users DROP COLUMN mfa_enrolled_at;
ALTER TABLE users DROP COLUMN mfa_secret;
