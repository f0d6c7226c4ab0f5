# Limits and failures: caps per organization, a busy database, health checks.

validation-control-characters = 請移除換行字元、定位字元和其他控制字元。
limits-relationship-invitations = 您的組織在一小時內傳送的關係要求已達上限。
limits-user-invitations = 您的組織在一小時內新增的使用者已達上限。
