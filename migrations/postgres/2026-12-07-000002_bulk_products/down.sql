DROP INDEX subscriptions_products;
