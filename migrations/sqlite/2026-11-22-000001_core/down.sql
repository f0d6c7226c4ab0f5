DROP TABLE audit_events;
DROP TABLE subscriptions;
DROP TABLE customer_relationships;
DROP TABLE partnerships;
DROP TABLE user_sessions;
DROP TABLE users;
DROP TABLE organizations;
