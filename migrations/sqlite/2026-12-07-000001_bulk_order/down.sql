DROP INDEX subscriptions_bulk;
