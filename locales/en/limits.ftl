# Limits and failures: caps per organization, a busy database, health checks.

validation-control-characters = Remove line breaks, tabs and other control characters.
