# Limits and failures: caps per organization, a busy database, health checks.

validation-control-characters = 請移除換行字元、定位字元和其他控制字元。
