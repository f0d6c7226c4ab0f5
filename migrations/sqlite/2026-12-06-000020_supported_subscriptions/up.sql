-- The reseller's Supported subscriptions page, read a page at a time in the order (customer
-- name, product name, id): the support contact's index carries every column that the page's
-- ids are chosen by except the customer's name, so a page reads the reseller's entries of
-- this index and its customers' names, and only the page's own rows. Its first two columns
-- still serve the counts beside a reseller's customers.
-- Keep in step with migrations/postgres/2026-12-06-000020_supported_subscriptions/up.sql.

DROP INDEX subscriptions_support_contact;
CREATE INDEX subscriptions_support_contact
    ON subscriptions (support_contact_id, customer_id, product_name, id, provider_id);
