DROP INDEX subscriptions_supported;
DROP TRIGGER subscriptions_customer_name_rename ON organizations;
DROP FUNCTION subscriptions_customer_name_rename();
DROP TRIGGER subscriptions_customer_name ON subscriptions;
DROP FUNCTION subscriptions_customer_name();
ALTER TABLE subscriptions DROP COLUMN customer_name;
