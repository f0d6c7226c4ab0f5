-- The reseller's Supported subscriptions page, read a page at a time in the order (customer
-- name, product name, id). Each subscription carries its customer's name (kept by triggers:
-- set when the subscription is added or moves to another customer, changed when the customer
-- is renamed), so that the support contact's index holds the page's order and every column
-- it shows: a page is one walk of 51 entries of `subscriptions_supported` that starts at its
-- cursor, whatever the number of subscriptions the reseller supports or the size of the
-- database.
-- Keep in step with migrations/postgres/2026-12-06-000020_supported_subscriptions/up.sql.

ALTER TABLE subscriptions ADD COLUMN customer_name TEXT NOT NULL DEFAULT '';
UPDATE subscriptions
    SET customer_name = (SELECT name FROM organizations WHERE organizations.id = subscriptions.customer_id);

-- A writer that passes the right name (bench-data's million rows) costs no second write.
CREATE TRIGGER subscriptions_customer_name_insert AFTER INSERT ON subscriptions
    WHEN NEW.customer_name IS NOT (SELECT name FROM organizations WHERE id = NEW.customer_id) BEGIN
    UPDATE subscriptions
        SET customer_name = (SELECT name FROM organizations WHERE id = NEW.customer_id)
        WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER subscriptions_customer_name_move AFTER UPDATE OF customer_id ON subscriptions BEGIN
    UPDATE subscriptions
        SET customer_name = (SELECT name FROM organizations WHERE id = NEW.customer_id)
        WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER subscriptions_customer_name_rename AFTER UPDATE OF name ON organizations
    WHEN OLD.name IS NOT NEW.name BEGIN
    UPDATE subscriptions SET customer_name = NEW.name WHERE customer_id = NEW.id;
END;

CREATE INDEX subscriptions_supported
    ON subscriptions (support_contact_id, customer_name, product_name, id, provider_id);
