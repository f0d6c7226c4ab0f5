# Bulk changes of designated support contacts (Customers → Bulk change).
customers-bulk-change = 指定のサポート連絡先を一括変更
bulk-title = 指定のサポート連絡先の一括変更
bulk-intro = 顧客のサブスクリプションと新しい指定のサポート連絡先を選択します。変更はすべて実行前に確認できます。新しい連絡先が許可されないサブスクリプションは、現在の連絡先のままです。
bulk-replace-title = 許可されるすべての場所でリセラーを置き換える
bulk-replace-hint = 最初の組織が指定のサポート連絡先であるすべてのサブスクリプションを選択し、2 番目の組織が利用可能なサポートの連絡先である場合に、それへの変更を確認します。
bulk-replace-from = 置き換えるサポート連絡先
bulk-replace-to = 新しいサポート連絡先
bulk-choose-title = サブスクリプションの選択
bulk-filter-all = すべて
bulk-filter-contact = 現在の指定のサポート連絡先
bulk-filter-apply = 絞り込み
bulk-customer-hint = 顧客の数が、この一覧に表示できる上限を超えています。顧客を選ぶには、[顧客] ページでその顧客を開き、そこにある [指定のサポート連絡先を一括変更] を選択してください。
bulk-customer-hint-link = 顧客へ移動
bulk-empty = 条件に一致するサブスクリプションはありません。
bulk-truncated = 条件に一致する最初の { $max } 件のサブスクリプションのみを表示しています。他のサブスクリプションを表示するには条件を絞り込んでください。
bulk-select-all = 表示されているすべてのサブスクリプションを選択
bulk-list-caption = 選択できるサブスクリプション
bulk-col-choose = 選択
bulk-new-contact = 新しい指定のサポート連絡先
bulk-new-contact-hint = 自社、または自社と有効なパートナー関係にある間接リセラー。確認時に各サブスクリプションの顧客ごとにチェックされます。
bulk-review = 変更を確認
bulk-review-title = 一括変更の確認
bulk-result-title = 一括変更を実行しました
bulk-contact-unknown = 選択できる組織ではありません
bulk-would-change-count = { $count } 件のサブスクリプションが変更されます。
bulk-changed-count = { $count } 件のサブスクリプションを変更しました。
bulk-refused-count =
    { $count ->
        [0] 選択したすべてのサブスクリプションを変更できます。
       *[other] { $count } 件は指定のサポート連絡先が変わりません。
    }
bulk-would-change-title = 変更されるもの
bulk-changed-title = 変更済み
bulk-cannot-change-title = 変更できないもの
bulk-not-changed-title = 変更されなかったもの
bulk-no-changes = 選択したサブスクリプションのうち、この連絡先に変更できるものはありません。
bulk-col-from = 以前のサポート連絡先
bulk-col-to = 新しいサポート連絡先
bulk-col-reason = 理由
bulk-not-found-count = 選択したサブスクリプションのうち { $count } 件は自社のものではないため、変更していません。
bulk-replace-more = このサポート連絡先が指定されているサブスクリプションは、1 回の一括変更で扱える数を超えています。この確認では最初の { $max } 件を扱います。適用した後、次のサブスクリプションを確認できます。
bulk-replace-rest = 置き換えたサポート連絡先が指定されているサブスクリプションがまだあります。次の確認では最大 { $max } 件を扱います。
bulk-replace-next = 次のサブスクリプションを確認
bulk-in-audit-log = 監査ログでこれらの変更を表示
bulk-apply = 変更を適用
bulk-again = 別の一括変更
bulk-reason-not-found = 自社のサブスクリプションではありません。
bulk-reason-stale = 選択後に他のユーザーが変更しました。変更していません。
bulk-reason-new-commerce = 新しいコマース: 指定のサポート連絡先はありません。
bulk-reason-cancelled = キャンセル済み: 連絡先は変更できません。
bulk-reason-not-available = この顧客で利用可能なサポートの連絡先ではありません (自社との有効なパートナー関係と、委任された管理者特権を含む顧客との関係が必要です)。
bulk-reason-already-contact = 既に指定のサポート連絡先です。
bulk-error-no-contact = 新しい指定のサポート連絡先を選択してください。
bulk-error-none-chosen = サブスクリプションを 1 つ以上選択してください。
bulk-error-too-many = 1 回の一括変更にはサブスクリプションが多すぎます。条件を絞り込んでください。
audit-action-support-contact-bulk-changed = 指定のサポート連絡先を変更 (一括変更)
