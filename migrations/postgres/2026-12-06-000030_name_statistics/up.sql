-- A finer sample of the customers' names for the planner. Whether a search by a part of a name
-- reads the trigram index and sorts what it finds, or walks the customers in name order until
-- it has a page, depends on how many names it expects to contain the part, which PostgreSQL
-- estimates from the column's statistics. With the default sample the estimate for a part
-- that one customer in 25 has ranged from 500 to 3,000 of 100,000 between two ANALYZE runs,
-- and the plan with it: a page took 16 ms or under 1 ms. A sample 10 times as large keeps the
-- estimate, and the plan, the same from one ANALYZE to the next.
-- SQLite weighs no pattern: migrations/sqlite/2026-12-06-000030_name_statistics/up.sql is empty.
ALTER TABLE organizations ALTER COLUMN search_name SET STATISTICS 1000;
