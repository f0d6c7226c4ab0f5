# Customers and subscriptions of a real partner: Add customer, subscriptions and their life,
# ending a relationship, withdrawing invitations, CSV import and export.

customers-add = 顧客の追加
customers-add-intro = 顧客、その顧客との関係 (委任された管理者特権を含む)、および顧客の最初の全体管理者がまとめて作成されます。その管理者に送信するリンクが表示されます。
customers-add-company = 会社
customers-add-admin = 顧客の最初の全体管理者
customers-field-name = 会社名
customers-field-domain = プライマリ ドメイン
customers-field-country = 国または地域 (US、TW、JP などの 2 文字のコード)
customers-added-title = 顧客を追加しました
customers-added-intro = { $customer } を追加し、委任された管理者特権を含む関係を作成しました。以下のリンクを顧客の全体管理者に送信してください。
customers-added-message = { $name } 様

    { $partner } が support-contacts に { $customer } を登録しました。support-contacts では、貴社の各サブスクリプションのテクニカル サポートを担当する組織を確認できます ([管理者] の [サポート])。

    { $date } までに、次のリンクからパスワードを設定してください。このリンクは 1 回だけ使用できます:
    { $link }

    その後、ご自身のメールアドレス ({ $email }) でサインインしてください。
customers-go-to = { $customer } に移動
validation-domain-taken = このドメインは既に別の組織で使用されています。
validation-country-required = 国または地域を入力してください。
validation-country-invalid = US、TW、JP などの 2 文字の ISO 3166 コードを入力してください。
relationship-ended = 顧客との関係を削除しました。

subscriptions-add = サブスクリプションの追加
subscriptions-add-intro = { $customer } の新しいサブスクリプションです。レガシ サブスクリプションの指定のサポート連絡先は、最初は自社になります。新しいコマースのサブスクリプションには指定のサポート連絡先はありません。
subscriptions-commerce-hint = レガシ (ライセンスベース) のサブスクリプションには指定のサポート連絡先があります。新しいコマースのサブスクリプションにはありません。
subscription-added = サブスクリプションを追加しました。
subscription-start-date = 開始日
subscription-external-id = 外部 ID (課金システムでの ID、省略可能)
subscription-manage-title = 数量と状態
subscription-save-quantity = 数量を保存
subscription-suspend = 中断
subscription-reactivate = 再アクティブ化
subscription-cancel = サブスクリプションをキャンセル
subscription-cancel-title = サブスクリプションのキャンセル
subscription-cancel-question = { $product } をキャンセルしますか?
subscription-cancel-consequence = キャンセルしたサブスクリプションは再アクティブ化できず、指定のサポート連絡先も変更できなくなります。
subscription-saved = サブスクリプションを変更しました。
subscription-error-cancelled = このサブスクリプションはキャンセル済みのため、変更できません。
subscription-error-already-active = このサブスクリプションは既にアクティブです。
subscription-error-already-suspended = このサブスクリプションは既に中断されています。
error-subscription-cancelled = このサブスクリプションはキャンセル済みのため、指定のサポート連絡先を変更できません。何も変更されていません。
contact-cancelled-note = このサブスクリプションはキャンセル済みのため、指定のサポート連絡先を変更できません。
validation-product-required = 製品名を入力してください。
validation-quantity-required = 数量を入力してください。
validation-quantity-invalid = 1～1,000,000 の整数を入力してください。
validation-commerce-type-required = レガシ (ライセンスベース) または新しいコマースを選択してください。
validation-commerce-type-invalid = レガシ (ライセンスベース) または新しいコマースを選択してください。
validation-start-date-required = 開始日を入力してください。
validation-start-date-invalid = 日付は YYYY-MM-DD の形式で入力してください。
validation-external-id-invalid = 100 文字以内で、制御文字を含めずに入力してください。
validation-external-id-taken = この外部 ID は、自社の別のサブスクリプションで既に使用されています。
customer-supported-title = サポート対象のサブスクリプション
end-relationship-link = この顧客との関係を削除
end-relationship-question = 自社と { $customer } の関係を削除しますか?
end-relationship-consequence = 自社は { $customer } の利用可能なサポートの連絡先に表示されなくなります。自社が指定のサポート連絡先になっていて、今後は自社が担当できなくなるサブスクリプションは、すべて間接プロバイダーに戻ります。

invitation-withdraw = 取り消し
invitation-withdrawn-done = 要求を取り消しました。そのリンクは使用できなくなりました。
invitation-was-withdrawn = この要求は、送信元の組織によって取り消されました。引き続き必要な場合は、新しい要求を依頼してください。
relationship-requests-pending = 回答待ちの要求
relationship-requests-any-customer = 承諾した任意の顧客
audit-value-withdrawn = 取り消し済み

import-title = 顧客とサブスクリプションのインポート
import-intro = 1 行に 1 つのサブスクリプションを記載した CSV ファイル (UTF-8、コンマまたはセミコロン区切り) をアップロードしてください。保存する前に変更内容を確認できます。拒否された行が 1 つでもある場合は、何も変更されません。
import-file = CSV ファイル
import-file-hint = 最大 10 MiB、100,000 行までです。1 行目には列名を記載します。
import-preview = プレビュー
import-columns-title = 列
import-template = テンプレートをダウンロード
import-column-customer_name = 顧客の会社名。
import-column-customer_domain = 顧客のプライマリ ドメイン。顧客の識別に使用されます。
import-column-country = 国または地域 (2 文字の ISO 3166 コード)。
import-column-external_subscription_id = 課金システムでのサブスクリプションの ID。サブスクリプションの識別に使用されます。
import-column-product = 製品名。
import-column-quantity = ライセンス数 (1～1,000,000)。
import-column-commerce_type = legacy または new_commerce。
import-column-status = active、suspended、または cancelled。
import-column-reseller_partner_id = 省略可能: 指定のサポート連絡先となる間接リセラーのパートナー ID。空の場合は自社になります。
import-preview-title = インポートのプレビュー
import-applied-title = インポートが完了しました
import-file-name = ファイル: { $name }
import-ready = まだ何も保存されていません。件数を確認してから、インポートを適用してください。
import-has-refused = 一部の行が拒否されました。ファイルを修正するまで、何もインポートされません。
import-refused-at-apply = プレビューの後にデータが変更されたため、一部の行が拒否されました。何もインポートされていません。
import-applied = インポートを適用しました。
import-counts-caption = インポートによる変更
import-col-what = レコード
import-col-created = 作成
import-col-updated = 更新
import-col-unchanged = 変更なし
import-refused-title = 拒否された行
import-reported-title = 注意事項付きでインポートされた行
import-col-line = 行
import-col-reason = 理由
import-col-value = 値
import-line = { $line } 行目
import-apply = インポートを適用
import-again = 別のファイルをインポート
import-error-too-large = ファイルが 10 MiB を超えています。ファイルを分割して、それぞれインポートしてください。
import-error-too-many-rows = ファイルが 100,000 行を超えています。ファイルを分割して、それぞれインポートしてください。
import-error-not-utf8 = ファイルが UTF-8 のテキストではありません。CSV UTF-8 形式で保存して、もう一度お試しください。
import-error-empty = ファイルが空です。
import-error-no-file = アップロードする CSV ファイルを選択してください。
import-error-columns = 1 行目に次の列がありません: { $columns }。
import-error-applied = このインポートは既に適用されています。
import-row-unreadable = この行を CSV として読み取れません (引用符を確認してください)。
import-row-customer-name = 顧客名がないか、長すぎます。
import-row-domain = ドメインが正しくありません。
import-row-country = 国または地域が 2 文字の ISO 3166 コードではありません。
import-row-external-id = 外部サブスクリプション ID がないか、長すぎます。
import-row-product = 製品名がないか、長すぎます。
import-row-quantity = 数量が 1～1,000,000 の整数ではありません。
import-row-commerce-type = コマースの種類は legacy または new_commerce にする必要があります。
import-row-status = 状態は active、suspended、または cancelled にする必要があります。
import-row-new-commerce-contact = 新しいコマースのサブスクリプションには指定のサポート連絡先がありません。リセラーは空のままにしてください。
import-row-duplicate-external-id = この外部 ID は前の行にもあります。
import-row-customer-differs = 前の行で、このドメインに別の顧客名または国/地域が指定されています。
import-row-domain-taken = このドメインは、自社と関係のない組織のものです。
import-row-reseller-unknown = このパートナー ID の間接リセラーはありません。
import-row-reseller-not-eligible = このリセラーは、この顧客の利用可能なサポートの連絡先ではありません。指定のサポート連絡先は自社のままです。
import-row-external-id-other-customer = この外部 ID は、別の顧客のサブスクリプションのものです。
import-row-commerce-type-fixed = サブスクリプションのコマースの種類は変更できません。
import-row-cancelled = キャンセル済みのサブスクリプションを、再びアクティブまたは中断にすることはできません。
export-csv = エクスポート (CSV)

audit-object-import = インポート
audit-action-customer-added = 顧客を追加
audit-action-subscription-added = サブスクリプションを追加
audit-action-quantity-changed = 数量を変更
audit-action-subscription-suspended = サブスクリプションを中断
audit-action-subscription-reactivated = サブスクリプションを再アクティブ化
audit-action-subscription-cancelled = サブスクリプションをキャンセル
audit-action-subscription-imported = インポートでサブスクリプションを変更
audit-action-customer-updated = インポートで顧客を変更
audit-action-import-applied = インポートを適用
audit-action-invitation-withdrawn = 要求を取り消し
review-closed = { $product } の指定のサポート連絡先は { $contact } になりました。
audit-newer = 新しい変更
audit-older = 古い変更
