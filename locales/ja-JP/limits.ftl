# Limits and failures: caps per organization, a busy database, health checks.

validation-control-characters = 改行、タブなどの制御文字を削除してください。
