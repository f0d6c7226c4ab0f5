ALTER TABLE organizations ALTER COLUMN search_name SET STATISTICS -1;
