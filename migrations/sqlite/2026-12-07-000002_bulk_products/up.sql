-- The bulk change page's filter offers each product of the provider's subscriptions once. No
-- index held the products by provider, so the list was a walk of all the provider's entries
-- and a sort of its products (0.85 s for a provider with 900,000 subscriptions). With this
-- index it is one search for each product, from the last one found to the next
-- (db::subscriptions::bulk::products_of).
-- Both columns are indexed as `column || ''`, written so only in that read: an index that
-- other reads can use by the provider would be taken for them too. On the column itself,
-- without statistics SQLite took it to order one customer's subscriptions by product (passing
-- all the provider's); on a file with statistics for the other indexes and none yet for this
-- one, it took it for the list of customers (3.6 s, a sort of all the provider's).
-- Keep in step with migrations/postgres/2026-12-07-000002_bulk_products/up.sql.

CREATE INDEX subscriptions_products
    ON subscriptions ((provider_id || ''), (product_name || ''));
