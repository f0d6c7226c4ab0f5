## Layout
app-name = サポート連絡先
skip-to-content = メインコンテンツにスキップ
nav-main = メイン ナビゲーション
nav-customers = 顧客
nav-support-profile = サポート プロファイル
nav-admin = 管理者
nav-language = 言語
signed-in-as = { $name } としてサインイン中
sign-out = サインアウト
footer-text = 各サブスクリプションのテクニカル サポートを担当するリセラーを指定します。
breadcrumbs-label = パンくずリスト
pager-label = ページ
pager-previous = 前のページ
pager-next = 次のページ
submit = 送信
close = 閉じる

## Organizations and roles
org-kind-indirect-provider = 間接プロバイダー
org-kind-indirect-reseller = 間接リセラー
org-kind-customer = 顧客
role-admin-agent = 管理エージェント
role-global-admin = 全体管理者
role-helpdesk-agent = ヘルプデスクエージェント
role-sales-agent = セールス エージェント
role-billing-admin = 課金管理者
role-customer-global-admin = 全体管理者
role-customer-user = ユーザー

## Sign in
sign-in-title = サインイン
sign-in-intro = 職場のメールアドレスとパスワードでサインインしてください。
sign-in-email = メールアドレス
sign-in-password = パスワード
sign-in-submit = サインイン
sign-in-missing-fields = メールアドレスとパスワードを入力してください。
sign-in-failed = メールアドレスまたはパスワードが正しくありません。

## Customers
customers-title = 顧客
customers-search-label = 名前で顧客を検索
customers-search-submit = 検索
customers-empty = 顧客はまだありません。顧客を追加するか、ファイルからインポートするか、関係を要求してください。
customers-no-match = 名前に「{ $search }」を含む顧客はいません。
customers-col-name = 顧客
customers-col-tenant = テナント ID

## Subscriptions
subscriptions-title = サブスクリプション
subscriptions-empty = この顧客に提供しているサブスクリプションはありません。
subscription-product = 製品
subscription-quantity = 数量
subscription-status = 状態
subscription-commerce-type = コマースの種類
subscription-customer = 顧客
subscription-provider = 間接プロバイダー
subscription-created = 作成日
subscription-licenses = { $count ->
   *[other] { $count } ライセンス
}
subscription-status-active = アクティブ
subscription-status-suspended = 中断
commerce-license-based = ライセンスベース
commerce-new-commerce = 新しいコマース
designated-support-contact = 指定のサポート連絡先
contact-section-title = テクニカル サポート
contact-not-applicable = 該当なし（新しいコマース）
contact-hint-default = 新しいサブスクリプションでは、指定のサポート連絡先は既定で間接プロバイダーに設定されます。委任された管理者特権を持つ間接リセラーに変更することもできます。
contact-hint-missing = 利用可能なサポートの連絡先の一覧にリセラーの名前が表示されない場合は、関係を要求して追加してください。関係が確立されると、そのリセラーが一覧に表示されます。
contact-read-only = お使いのロールでは、指定のサポート連絡先を表示できますが、変更はできません。変更できるのは、管理エージェント、全体管理者、ヘルプデスクエージェントです。
contact-new-commerce-note = 新しいコマースのサブスクリプションには指定のサポート連絡先がありません。サブスクリプションを販売したパートナーがサポートを提供します。
contact-unchanged = そのリセラーは既に指定のサポート連絡先です。何も変更されていません。

## Review
review-title = 変更の確認
review-saved = 指定のサポート連絡先を変更しました。
review-previous-contact = 以前のサポート連絡先
review-new-contact = 新しいサポート連絡先
review-changed-by = 変更者
review-changed-at = 変更日時
review-instructions = 変更内容が正しいことを確認してから、[閉じる] を選択してください。

## Support profile
profile-title = サポート プロファイル
profile-intro = 自社が顧客のサブスクリプションの指定のサポート連絡先になっている場合、顧客にはこれらの情報が表示されます。
profile-saved = サポート プロファイルを保存しました。
profile-has-errors = 確認が必要な項目があります。何も保存されていません。
profile-email = サポート用メールアドレス
profile-phone = サポート用電話番号
profile-website = サポート用 Web サイト
profile-save = 保存
profile-read-only = サポート プロファイルを変更できるのは、管理エージェントと全体管理者のみです。
validation-email-required = サポート用メールアドレスを入力してください。
validation-email-invalid = support@example.com のような形式でメールアドレスを入力してください。
validation-phone-required = サポート用電話番号を入力してください。
validation-phone-invalid = 電話番号は、数字、スペース、+ - ( ) . のみを使用し、5～20 桁の数字で入力してください。
validation-website-required = サポート用 Web サイトを入力してください。
validation-website-invalid = https://support.example.com のような完全な Web サイトのアドレスを入力してください。
validation-website-https = Web サイトのアドレスは https:// で始まる必要があります。

## Customer admin: Support
support-title = サポート
support-intro = サブスクリプションのテクニカル サポートについては、その指定のサポート連絡先にお問い合わせください。
support-empty = お使いの組織にはサブスクリプションがありません。
support-contact = サポート連絡先
support-partner = パートナー
support-email = メールアドレス
support-phone = 電話番号
support-website = Web サイト
support-sold-by = 販売元
support-new-commerce-note = これは新しいコマースのサブスクリプションです。販売したパートナーがサポートを提供します。

## Errors
error-go-home = ホームページに移動
error-title-bad-request = 要求を処理できませんでした
error-title-forbidden = アクセスが拒否されました
error-title-not-found = ページが見つかりません
error-title-too-large = データが多すぎます
error-title-unavailable = もう一度お試しください
error-title-internal = 問題が発生しました
error-bad-request = 要求を理解できませんでした。前のページに戻って、もう一度お試しください。
error-bad-form = フォームが不完全であるか、破損しています。前のページに戻り、ページを再読み込みしてから、もう一度お試しください。
error-bad-query = アドレスに、このページで使用できない値が含まれています。アドレスを確認して、もう一度お試しください。
error-forbidden = この操作を行う権限がありません。
error-not-found = 要求されたページは存在しないか、アクセスする権限がありません。
error-sign-in-required = 続行するにはサインインしてください。
error-csrf = このフォームは有効期限が切れているか、このサイトから送信されたものではありません。前のページに戻り、ページを再読み込みしてから、もう一度お試しください。
error-payload-too-large = フォームから送信されたデータが多すぎます。入力内容を短くして、もう一度お試しください。
error-unavailable = サービスは一時的に利用できません。しばらく待ってから、もう一度お試しください。
error-internal = こちら側で問題が発生しました。もう一度お試しください。問題が解決しない場合は、管理者にお問い合わせください。
error-partners-only = このページはパートナーのユーザー専用です。
error-customers-only = このページは顧客の管理者専用です。
error-ask-your-admin = 管理者エリアを表示できるのは、組織の管理者のみです。サポート連絡先については、組織の管理者にお問い合わせください。
error-role-may-not-change = お使いのロールでは、指定のサポート連絡先を変更できません。管理エージェント、全体管理者、またはヘルプデスクエージェントに依頼してください。
error-role-may-not-edit-profile = お使いのロールでは、サポート プロファイルを変更できません。管理エージェントまたは全体管理者に依頼してください。
error-new-commerce = 新しいコマースのサブスクリプションには指定のサポート連絡先がないため、変更できません。
error-contact-not-available = その組織は、このサブスクリプションで利用可能なサポートの連絡先ではありません。何も変更されていません。
error-contact-stale = 作業中に他のユーザーがこのサブスクリプションを変更しました。何も変更されていません。現在の指定のサポート連絡先を以下に表示しています。

## Relationships: navigation and shared words
nav-indirect-resellers = 間接リセラー
nav-supported-subscriptions = サポート対象のサブスクリプション
nav-audit-log = 監査ログ
nav-partner-relationships = パートナーとの関係
request-a-relationship = 関係を要求
delegated-admin-privileges = 委任された管理者特権
include-delegated-admin = 委任された管理者特権を含める
remove-relationship-with-customer = 顧客との再販業者関係の削除
remove-relationship-button = 顧客との関係を削除
col-actions = 操作
yes = はい
no = いいえ
cancel = キャンセル

## Indirect resellers (providers)
resellers-title = 間接リセラー
resellers-intro = 有効なパートナー関係にある間接リセラーは、顧客から委任された管理者特権を付与されると、顧客のサブスクリプションの指定のサポート連絡先になることができます。
resellers-empty = 間接リセラーとのパートナー関係はまだありません。
resellers-col-name = 間接リセラー
resellers-col-partner-id = パートナー ID
resellers-col-state = 状態
resellers-col-requested = 要求日時
resellers-col-expires = 有効期限
resellers-state-active = 有効
resellers-state-removed = 削除済み
resellers-remove = パートナー関係を削除
resellers-removed = パートナー関係を削除しました。そのリセラーがサポートしていたサブスクリプションは、指定のサポート連絡先が自社に戻りました。
resellers-request-intro = 間接リセラーのパートナー ID を入力してください。1 回だけ使用できるリンクが作成されるので、そのリセラーの管理エージェントまたは全体管理者に送信してください。
resellers-partner-id-label = 間接リセラーのパートナー ID
resellers-error-required = 間接リセラーのパートナー ID を入力してください。
resellers-error-unknown = このパートナー ID の間接リセラーはありません。番号を確認して、もう一度お試しください。
resellers-error-already = この間接リセラーとは既に有効なパートナー関係があります。
resellers-pending-title = 回答待ちの要求
resellers-remove-title = パートナー関係の削除
resellers-remove-question = { $reseller } とのパートナー関係を削除しますか?
resellers-remove-consequence = { $reseller } は、顧客のサブスクリプションの利用可能なサポートの連絡先に表示されなくなります。{ $reseller } が指定のサポート連絡先になっているすべてのサブスクリプションは、直ちに自社に戻ります。

## Customer relationships (partners)
relationship-request-intro-any = 顧客を自社との関係に招待するリンクを作成し、顧客の全体管理者に送信してください。最初に管理者が承諾した顧客との間で関係が確立されます。
relationship-request-intro-customer = { $customer } を自社との関係に招待するリンクを作成します。承諾できるのは { $customer } の全体管理者のみです。
relationship-request-delegated-hint = 委任された管理者特権があると、自社の管理エージェントが顧客のサービスを管理でき、自社が顧客のサブスクリプションの指定のサポート連絡先になることができます。
customer-relationship-title = 関係
customer-relationship-delegated = 自社はこの顧客と関係があり、委任された管理者特権を持っています。
customer-relationship-plain = 自社はこの顧客と関係がありますが、委任された管理者特権は持っていません。
customer-relationship-none = 自社はこの顧客と関係がありません。
customer-resellers-title = この顧客と間接リセラーとの関係
customer-resellers-empty = この顧客と関係のある間接リセラーはありません。
customer-resellers-removed = 関係を削除しました。そのリセラーがこの顧客のためにサポートしていたサブスクリプションは、指定のサポート連絡先が間接プロバイダーに戻りました。
remove-relationship-question = { $partner } と { $customer } の関係を削除しますか?
remove-relationship-consequence = { $partner } は { $customer } との関係と、委任された管理者特権を失います。{ $partner } が指定のサポート連絡先になっている { $customer } のすべてのサブスクリプションは、直ちに間接プロバイダーに戻ります。

## Invitations
invitation-created-title = 招待の送信
invitation-created-intro = 招待の準備ができました。以下のリンクとメッセージをコピーして、ご自身で送信してください。リンクが表示されるのはこの 1 回だけです。
invitation-link-label = 招待リンク
invitation-link-note = このリンクは 1 回だけ使用でき、{ $date } に有効期限が切れます。
invitation-message-label = 送信するメッセージ
invitation-message-partnership =
    { $provider } (パートナー ID { $partner_id }) は、{ $reseller } に間接リセラーとしてのパートナー関係を要求しています。

    回答するには、{ $reseller } の管理エージェントまたは全体管理者が「{ app-name }」にサインインし、次のリンクを開いてください:
    { $link }

    このリンクは 1 回だけ使用でき、{ $date } に有効期限が切れます。
invitation-message-customer =
    { $partner } (パートナー ID { $partner_id }) は、貴社との関係を要求しています。
    { $delegated ->
        [yes] この要求には委任された管理者特権が含まれており、{ $partner } が貴社のサービスを管理できるようになります。詳しくはリンク先のページで説明しています。
       *[no] この要求には委任された管理者特権は含まれていません。
    }

    回答するには、貴社の全体管理者が「{ app-name }」にサインインし、次のリンクを開いてください:
    { $link }

    このリンクは 1 回だけ使用でき、{ $date } に有効期限が切れます。
invitation-back = 戻る
invitation-partnership-title = パートナー関係の要求
invitation-customer-title = 関係の要求
invitation-from = 要求元
invitation-partner-id = パートナー ID
invitation-partner-kind = パートナーの種類
invitation-expires = 有効期限
invitation-partnership-text = { $partner } は、お使いの組織に間接リセラーになるよう依頼しています。有効なパートナー関係があると、{ $partner } はお使いの組織を顧客のサブスクリプションの指定のサポート連絡先にすることができます。
invitation-customer-text = { $partner } は、お使いの組織との関係を要求しています。
invitation-delegated-explained = この要求には委任された管理者特権が含まれています。この特権があると、{ $partner } の管理エージェントは、お使いの組織の管理者と同じように組織のサービスとサブスクリプションを管理できます (ユーザーの追加、パスワードのリセット、ライセンスの割り当てなど)。また、{ $partner } はお使いのサブスクリプションの指定のサポート連絡先になることができます。この特権は、[管理者] の [パートナーとの関係] でいつでも削除できます。
invitation-no-delegated = この要求には委任された管理者特権は含まれていません。{ $partner } はお使いの組織のサービスを管理できません。
invitation-accept = 承諾
invitation-decline = 拒否
invitation-accepted-title = 招待を承諾しました
invitation-declined-title = 招待を拒否しました
invitation-accepted-partnership = お使いの組織は { $partner } の間接リセラーになりました。
invitation-accepted-customer = { $partner } とお使いの組織の関係が確立されました。
invitation-accepted-unchanged = { $partner } との関係は既に招待の内容どおりです。何も変更されていません。
invitation-declined-text = { $partner } からの要求を拒否しました。何も変更されていません。
invitation-continue = 続行
invitation-problem-title = この招待は使用できません
invitation-not-valid = この招待リンクは無効です。リンク全体をコピーしたことを確認するか、パートナーに新しいリンクを依頼してください。
invitation-used = この招待は既に承諾されています。各リンクは 1 回だけ使用できます。何も変更されていません。
invitation-was-declined = この招待は拒否されたため、使用できなくなりました。パートナーに新しい招待を依頼してください。
invitation-expired = この招待は有効期限が切れています。リンクの有効期間は 30 日間です。パートナーに新しい招待を依頼してください。
invitation-wrong-kind-partnership = この招待は間接リセラー向けです。招待の送信先の間接リセラーのアカウントでサインインしてください。
invitation-wrong-kind-customer = この招待は顧客向けです。顧客の全体管理者のアカウントでサインインしてください。
invitation-not-yours = この招待は別の組織に送信されたものです。何も変更されていません。
invitation-wrong-role-partnership = この招待に回答できるのは、お使いの組織の管理エージェントまたは全体管理者のみです。リンクをその担当者に送信してください。
invitation-wrong-role-customer = この招待に回答できるのは、お使いの組織の全体管理者のみです。リンクを全体管理者に送信してください。

## Customer admin: Partner relationships
relationships-title = パートナーとの関係
relationships-intro = お使いの組織と関係のあるパートナーです。委任された管理者特権を持つパートナーは、お使いのサービスを管理でき、サブスクリプションの指定のサポート連絡先になることができます。
relationships-empty = お使いの組織と関係のあるパートナーはありません。
relationships-col-partner = パートナー
relationships-col-since = 開始日
relationships-col-kind = 種類
relationships-remove = 関係を削除
relationships-remove-delegated = 委任された管理者特権を削除
relationships-removed = 関係を削除しました。
relationships-delegated-removed = 委任された管理者特権を削除しました。
relationships-remove-title = 関係の削除
relationships-remove-question = { $partner } との関係を削除しますか?
relationships-remove-consequence = { $partner } は、お使いのサービスの管理やサブスクリプションのサポートができなくなります。{ $partner } が指定のサポート連絡先になっているすべてのサブスクリプションは、直ちに間接プロバイダーがサポート連絡先になります。
relationships-remove-delegated-title = 委任された管理者特権の削除
relationships-remove-delegated-question = { $partner } の委任された管理者特権を削除しますか?
relationships-remove-delegated-consequence = { $partner } はお使いの組織との関係を維持しますが、サービスを管理できなくなります。{ $partner } が指定のサポート連絡先になっているすべてのサブスクリプションは、直ちに間接プロバイダーがサポート連絡先になります。

## Supported subscriptions (resellers)
supported-title = サポート対象のサブスクリプション
supported-intro = 自社が指定のサポート連絡先になっているサブスクリプションです。サブスクリプションは間接プロバイダーが管理しており、この一覧は読み取り専用です。
supported-empty = 自社が指定のサポート連絡先になっているサブスクリプションはありません。
supported-bad-cursor = このページのリンクは無効です（途中で切れているか、変更された可能性があります）。一覧を最初のページから表示しています。

## Audit log
audit-title = 監査ログ
audit-intro-partner = 自社が行ったすべての変更と、パートナー関係、顧客との関係、サポート連絡先の指定に対するすべての変更です。時刻は UTC です。
audit-intro-customer = お使いの組織に関係するすべての変更 (パートナーとの関係とサブスクリプションのサポート連絡先) です。時刻は UTC です。
audit-filter-customer-name = 顧客名
audit-filter-customer-name-hint = 名前の一部だけでも検索できます (例: 「adatum」)。
audit-filter-from = 開始日
audit-filter-to = 終了日
audit-filter-apply = フィルターを適用
audit-download = CSV をダウンロード
audit-empty = 一致する変更はありません。
audit-col-time = 日時 (UTC)
audit-col-actor = 実行者
audit-col-organization = 組織
audit-col-customer = 顧客
audit-col-object = 対象
audit-col-change = 変更
audit-col-old = 変更前の値
audit-col-new = 変更後の値
audit-col-event-id = イベント ID
audit-col-cause-id = 原因のイベント ID
audit-system = システム (自動)
audit-caused-by = 原因: { $change }
audit-error-date = 日付は YYYY-MM-DD の形式 (例: 2026-11-22) で入力してください。
audit-error-range = 開始日を終了日より後にすることはできません。
audit-error-bulk = その一括変更の参照は無効です。一括変更の結果ページからログを開いてください。
audit-bulk-only = 1 回の一括変更による変更のみを表示しています。
audit-show-all = すべてのイベントを表示
audit-error-customer = 顧客の参照が無効です。代わりに顧客名の一部を入力してください。
audit-customer-only = { $customer } に関する変更のみを表示しています。
audit-customer-only-unknown = 1 つの顧客に関する変更のみを表示しています。
audit-customer-clear = すべての顧客を表示
audit-action-support-contact-changed = 指定のサポート連絡先を変更
audit-action-support-contact-fallback = 指定のサポート連絡先が間接プロバイダーに戻りました
audit-action-support-profile-changed = サポート プロファイルを変更
audit-action-partnership-requested = パートナー関係を要求
audit-action-partnership-accepted = パートナー関係を承諾
audit-action-partnership-declined = パートナー関係の要求を拒否
audit-action-partnership-removed = パートナー関係を削除
audit-action-relationship-requested = 関係を要求
audit-action-relationship-accepted = 関係を承諾
audit-action-relationship-declined = 関係の要求を拒否
audit-action-relationship-removed = 関係を削除
audit-action-delegated-admin-removed = 委任された管理者特権を削除
audit-value-none = なし
audit-value-pending = 回答待ち
audit-value-active = 有効
audit-value-removed = 削除済み
audit-value-declined = 拒否
audit-value-with-delegated-admin = 委任された管理者特権あり
audit-value-without-delegated-admin = 委任された管理者特権なし
audit-object-subscription = サブスクリプション
audit-object-support-profile = サポート プロファイル
audit-object-partnership = パートナー関係
audit-object-customer-relationship = 顧客との関係
audit-object-invitation = 招待

## Errors: relationships
error-providers-only = このページは間接プロバイダー専用です。
error-resellers-only = このページは間接リセラー専用です。
error-role-admins-only = この操作を行えるのは、管理エージェントと全体管理者のみです。いずれかの担当者に依頼してください。
