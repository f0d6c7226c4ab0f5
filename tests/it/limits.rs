//! Limits and failures: caps per organization, a busy database, durability, health checks, profile input.
