# Accounts: set-password links, passwords, User management, the Admin area's sections.

nav-user-management = ユーザー管理
nav-change-password = パスワードの変更
admin-sections-label = 管理者エリアのセクション
role-customer-billing-admin = 課金管理者
role-customer-helpdesk-admin = ヘルプデスク管理者

form-has-errors = 修正が必要な項目があります。まだ何も保存されていません。
validation-name-required = 名前を入力してください。
validation-name-invalid = 200 文字以内で、制御文字を含めずに入力してください。
validation-email-taken = このメールアドレスのユーザーは既に存在します。
validation-domain-required = contoso.com のようなドメインを入力してください。
validation-domain-invalid = contoso.com のようなドメインを入力してください。使用できるのは英字、数字、ハイフンで、各部分はドット (.) で区切ります。
validation-partner-id-required = パートナー ID を入力してください。
validation-partner-id-invalid = パートナー ID は 6～10 桁の数字です。
init-error-name-taken = この名前のパートナー組織は既に存在します。
init-error-partner-id-taken = このパートナー ID の組織は既に存在します。

password-new = 新しいパスワード
password-confirm = 新しいパスワードの確認入力
password-current = 現在のパスワード
password-rules = { $min } 文字以上で入力してください。{ $recommended } 文字以上にするとより安全です。スペースや絵文字を含め、どの文字も使用でき、文字数に含まれます。貼り付けもできます。よく使われるパスワードは使用できません。
password-error-required = 新しいパスワードを入力してください。
password-error-too-short = このパスワードは短すぎます。8 文字以上にしてください。
password-error-too-long = このパスワードは長すぎます。128 文字以内にしてください。
password-error-common = このパスワードは特によく使われているパスワードの 1 つで、簡単に推測されます。別のパスワードを選択してください。
password-error-context = メールアドレスや名前をパスワードにすることはできません。別のパスワードを選択してください。
password-error-mismatch = 2 つの新しいパスワードが一致しません。もう一度入力してください。
password-error-current = 現在のパスワードが正しくありません。何も変更されていません。

set-password-title = パスワードの設定
set-password-intro = サインインに使用するパスワードを決めてください。このリンクは 1 回だけ使用できます。
set-password-submit = パスワードを設定
set-password-done = パスワードを設定しました。このパスワードでサインインしてください。
set-password-problem-title = このリンクは使用できません
set-password-problem-next = 自社の全体管理者に新しいリンクを依頼してください。既にパスワードをお持ちの場合は、サインインしてください。
set-password-link-unknown = このリンクはこのサイトで作成されたものではありません。リンク全体をコピーしたことを確認してください。
set-password-link-used = このリンクは既に使用されています。各リンクでパスワードを設定できるのは 1 回だけです。
set-password-link-expired = このリンクは有効期限が切れています。
set-password-link-replaced = このアカウントには新しいリンクが作成されています。使用できるのは最新のリンクのみです。
set-password-link-closed = このアカウントは無効になっているか、削除されています。

account-password-title = パスワードの変更
account-password-intro = 現在のパスワードを入力してから、新しいパスワードを 2 回入力してください。他のセッションは終了しますが、このセッションはサインインしたままになります。
account-password-submit = パスワードを変更
account-password-saved = パスワードを変更しました。他のセッションはサインアウトされました。

users-intro = 自社でサインインできるユーザーとそのロールです。全体管理者は、ユーザーの追加、ロールの変更、ユーザーの無効化や削除を行えます。
users-add = ユーザーの追加
users-add-intro = 新しいユーザーには、パスワードを設定するためのリンク (有効期間 7 日間) が作成されます。リンクはご自身でユーザーに送信してください。
users-add-submit = ユーザーを追加
users-col-name = 名前
users-col-email = メールアドレス
users-col-role = ロール
users-col-state = 状態
users-col-added = 追加日
user-state-active = 有効
user-state-invited = 有効 (パスワードの設定待ち)
user-state-disabled = 無効
user-state-removed = 削除済み
users-change-role = ロール
users-save-role = ロールを保存
users-access = アクセス
users-new-link = 新しいパスワード設定リンク
users-disable = ユーザーを無効にする
users-enable = ユーザーを有効にする
users-remove = ユーザーを削除
users-is-you = これはご自身のアカウントです。
users-back = ユーザー管理に戻る
users-done-role = ロールを変更しました。
users-done-disabled = ユーザーを無効にし、すべてのセッションからサインアウトさせました。
users-done-enabled = ユーザーを有効にしました。このユーザーは再びサインインできます。
users-done-removed = ユーザーを削除しました。
users-error-role = 一覧からロールを選択してください。
users-error-last-global-admin = 自社には有効な全体管理者が少なくとも 1 人必要です。先に別のユーザーを全体管理者にしてください。
users-error-removed = このユーザーは削除されています。
users-error-link-disabled = 無効になっているユーザーはパスワードを設定できません。先にユーザーを有効にしてください。
users-disable-title = ユーザーを無効にする
users-disable-question = { $name } ({ $email }) を無効にしますか?
users-disable-consequence = このユーザーはすべてのセッションから直ちにサインアウトされ、全体管理者が再び有効にするまでサインインできなくなります。
users-remove-title = ユーザーの削除
users-remove-question = { $name } ({ $email }) を削除しますか?
users-remove-consequence = このユーザーはすべてのセッションからサインアウトされ、今後サインインできなくなります。このユーザーが行った操作は監査ログに残ります。
users-added-title = ユーザーを追加しました
users-added-intro = { $name } を追加しました。パスワードを設定するための以下のリンクを、このユーザーに送信してください。
users-added-message = { $name } 様

    { $admin } が、support-contacts の { $organization } にあなたを追加しました。support-contacts では、当社の顧客のサブスクリプションのテクニカル サポートを担当する組織を管理しています。

    { $date } までに、次のリンクからパスワードを設定してください。このリンクは 1 回だけ使用できます:
    { $link }

    その後、ご自身のメールアドレス ({ $email }) でサインインしてください。
users-link-title = 新しいパスワード設定リンク
users-link-intro = { $name } の新しいリンクを作成しました。以前のリンクは使用できなくなりました。このリンクをユーザーに送信してください。
users-link-message = { $name } 様

    support-contacts の { $organization } で新しいパスワードを設定するためのリンクをお送りします。このリンクは { $date } まで、1 回だけ使用できます:
    { $link }

    このリンクを依頼した覚えがない場合は、{ $admin } にお知らせください。
users-link-label = パスワード設定リンク
users-link-note = { $date } まで、1 回だけ使用できます。

error-back-to-form = フォームに戻る
error-title-conflict = この変更は行われませんでした
error-title-gone = この項目は利用できなくなりました
error-title-too-many = 試行回数が多すぎます
error-conflict = 他のユーザーが同時にこの項目を変更しました。ページを再読み込みして、もう一度お試しください。
error-gone = 要求された項目は利用できなくなりました。
error-too-many = 試行回数が多すぎます。しばらく待ってから、もう一度お試しください。
error-role-global-admins-only = この操作を行えるのは、自社の全体管理者のみです。全体管理者に依頼してください。

audit-operator = オペレーター (コマンド ライン)
audit-object-user = ユーザー
audit-object-organization = 組織
audit-action-organization-created = 組織を作成
audit-action-user-added = ユーザーを追加
audit-action-user-role-changed = ロールを変更
audit-action-user-disabled = ユーザーを無効化
audit-action-user-enabled = ユーザーを有効化
audit-action-user-removed = ユーザーを削除
audit-action-password-link-issued = パスワード設定リンクを作成
audit-action-password-set = リンクからパスワードを設定
audit-action-password-changed = パスワードを変更
subscription-status-cancelled = キャンセル済み
