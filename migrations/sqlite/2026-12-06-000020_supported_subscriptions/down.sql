DROP INDEX subscriptions_support_contact;
CREATE INDEX subscriptions_support_contact ON subscriptions (support_contact_id, customer_id);
