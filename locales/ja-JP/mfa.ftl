# Multi-factor authentication: enrolment, the sign-in step, recovery codes, the policy.

mfa-title = 多要素認証 (MFA)
mfa-intro = 多要素認証を使うと、サインインにはパスワードに加えてスマートフォンの認証アプリに表示されるコードが必要になるため、パスワードが盗まれただけではサインインされません。
mfa-account-link = 多要素認証 (MFA) の設定
mfa-status = 状態
mfa-status-on-since = { $date } からオン
mfa-status-off = オフ
mfa-required-by-organization = 自社ではすべてのユーザーに多要素認証が必須のため、オフにできません。
mfa-set-up = 設定する
mfa-back = 多要素認証に戻る
mfa-done-off = 多要素認証をオフにしました。

mfa-sign-in-title = コードを入力
mfa-sign-in-intro = 認証アプリを開き、support-contacts に表示される 6 桁のコードを入力してください。
mfa-code-label = コード
mfa-code-or-recovery-hint = スマートフォンが手元にない場合は、代わりに回復コードのいずれかを入力してください。
mfa-verify = 確認
mfa-start-again = もう一度サインイン

mfa-setup-title = 多要素認証の設定
mfa-setup-required-intro = 自社では多要素認証が必須です。サインインを完了するには、今すぐ設定してください。
mfa-setup-step-app = Microsoft Authenticator などの認証アプリをスマートフォンにインストールします。
mfa-setup-step-scan = アプリでアカウントを追加し、この QR コードをスキャンします。
mfa-setup-step-key = スキャンできない場合は、代わりにこのキーをアプリに入力します:
mfa-setup-step-code = アプリに表示される 6 桁のコードを入力します。
mfa-setup-submit = 確認してオンにする

mfa-codes-title = 回復コード
mfa-codes-once = これらのコードを今すぐ保存してください。表示されるのは 1 回だけです。
mfa-codes-intro = 認証アプリを使えないとき、各コードで 1 回サインインできます。パスワード マネージャーなど安全な場所に保管してください。
mfa-codes-continue = 続行
mfa-codes-unused = { $count ->
   *[other] 未使用 { $count } 個
}
mfa-codes-renew-intro = 新しい回復コードは古いコードに置き換わります。古いコードは使えなくなります。
mfa-codes-renew = 新しい回復コードを取得

mfa-turn-off-title = 多要素認証をオフにする
mfa-turn-off-proof = 現在のパスワード、または認証アプリのコード
mfa-turn-off = オフにする

mfa-policy-label = すべてのユーザーに多要素認証を必須にする
mfa-policy-hint = まだ設定していないユーザーは、次回のサインイン時に設定します。
mfa-policy-save = 保存
mfa-policy-saved = 多要素認証の設定を保存しました。
mfa-reset = 多要素認証をリセット
mfa-reset-hint = このユーザーをすべてのセッションからサインアウトさせ、認証アプリと回復コードを削除します。自社で多要素認証が必須の場合、次回のサインイン時に設定し直します。
mfa-reset-done = 多要素認証をリセットしました。ユーザーはサインアウトされました。

mfa-error-code = コードが正しくありません。認証アプリに表示されている現在のコード、または回復コードを入力してください。
mfa-error-code-used = このコードは既に使用されています。アプリに新しいコードが表示されるまで待ってから入力してください。
mfa-error-required = 自社では多要素認証が必須のため、オフにできません。
mfa-error-setup-expired = 設定をやり直しています。新しい QR コードをスキャンするか新しいキーを入力してから、コードを入力してください。
mfa-error-already-set-up = このアカウントには既に多要素認証が設定されています。
mfa-error-not-set-up = このアカウントには多要素認証が設定されていません。
mfa-error-proof = 現在のパスワードでも現在のコードでもありません。
mfa-error-reset-self = 自分の多要素認証はここではリセットできません。自分の多要素認証のページを使ってください。
mfa-error-reset-none = このユーザーは多要素認証を設定していません。

audit-action-mfa-enrolled = 多要素認証を設定
audit-action-mfa-turned-off = 多要素認証をオフ
audit-action-mfa-recovery-codes-renewed = 新しい回復コードを作成
audit-action-mfa-recovery-code-used = 回復コードでサインイン
audit-action-mfa-reset = 多要素認証をリセット
audit-action-mfa-required = すべてのユーザーに多要素認証を必須化
audit-action-mfa-not-required = 多要素認証の必須を解除
mfa-error-too-many-codes = 間違ったコードまたはパスワードの入力が多すぎます。アカウントを保護するため、しばらくの間確認を停止しています。
