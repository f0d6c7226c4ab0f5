# Limits and failures: caps per organization, a busy database, health checks.

validation-control-characters = 改行、タブなどの制御文字を削除してください。
limits-relationship-invitations = 組織が 1 時間に送信できる関係の要求の上限に達しました。
limits-user-invitations = 組織が 1 時間に追加できるユーザーの上限に達しました。
