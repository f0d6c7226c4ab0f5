# Limits and failures: caps per organization, a busy database, health checks.
