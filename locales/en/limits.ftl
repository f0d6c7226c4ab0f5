# Limits and failures: caps per organization, a busy database, health checks.

validation-control-characters = Remove line breaks, tabs and other control characters.
limits-relationship-invitations = Your organization has sent as many relationship requests as it may in one hour.
limits-user-invitations = Your organization has added as many users as it may in one hour.
