## Layout
app-name = サポート連絡先
skip-to-content = メインコンテンツにスキップ
nav-main = メイン
nav-customers = 顧客
nav-support-profile = サポートプロファイル
nav-admin = 管理者
nav-language = 言語
signed-in-as = { $name } としてサインイン中
sign-out = サインアウト
footer-text = 各サブスクリプションのテクニカルサポートを担当するリセラーを指定します。
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
role-sales-agent = 営業担当者
role-billing-admin = 請求管理者
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
customers-empty = サブスクリプションのある顧客はまだいません。
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
subscription-status-suspended = 一時停止中
commerce-license-based = ライセンスベース
commerce-new-commerce = 新しいコマース
designated-support-contact = 指定のサポート連絡先
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
profile-title = サポートプロファイル
profile-intro = 自社の組織が顧客のサブスクリプションの指定のサポート連絡先になっている場合、顧客にはこれらの情報が表示されます。
profile-saved = サポートプロファイルを保存しました。
profile-has-errors = 確認が必要な項目があります。何も保存されていません。
profile-email = サポート用メールアドレス
profile-phone = サポート用電話番号
profile-website = サポート用 Web サイト
profile-save = 保存
profile-read-only = サポートプロファイルを変更できるのは、管理エージェントと全体管理者のみです。
validation-email-required = サポート用メールアドレスを入力してください。
validation-email-invalid = support@example.com のような形式でメールアドレスを入力してください。
validation-phone-required = サポート用電話番号を入力してください。
validation-phone-invalid = 電話番号は、数字、スペース、+ - ( ) . のみを使用し、5～20 桁の数字で入力してください。
validation-website-required = サポート用 Web サイトを入力してください。
validation-website-invalid = https://support.example.com のような完全な Web サイトのアドレスを入力してください。
validation-website-https = Web サイトのアドレスは https:// で始まる必要があります。

## Customer admin: Support
support-title = サポート
support-intro = サブスクリプションのテクニカルサポートについては、その指定のサポート連絡先にお問い合わせください。
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
error-role-may-not-edit-profile = お使いのロールでは、サポートプロファイルを変更できません。管理エージェントまたは全体管理者に依頼してください。
error-new-commerce = 新しいコマースのサブスクリプションには指定のサポート連絡先がないため、変更できません。
error-contact-not-available = その組織は、このサブスクリプションで利用可能なサポートの連絡先ではありません。何も変更されていません。
error-contact-stale = 作業中に他のユーザーがこのサブスクリプションを変更しました。何も変更されていません。現在の指定のサポート連絡先を以下に表示しています。
