//! Sign-in under attack: the hashing queue, clients that left, throttling per account and address.
