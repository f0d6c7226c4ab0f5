## Layout
app-name = 支援連絡人
skip-to-content = 跳至主要內容
nav-main = 主要導覽
nav-customers = 客戶
nav-support-profile = 支援設定檔
nav-admin = 系統管理員
nav-language = 語言
signed-in-as = 以 { $name } 身分登入
sign-out = 登出
footer-text = 指派由哪一個轉銷商為每個訂用帳戶提供技術支援。
breadcrumbs-label = 導覽路徑
pager-label = 頁面
pager-previous = 上一頁
pager-next = 下一頁
submit = 提交
close = 關閉

## Organizations and roles
org-kind-indirect-provider = 間接提供者
org-kind-indirect-reseller = 間接轉銷商
org-kind-customer = 客戶
role-admin-agent = 系統管理代理人
role-global-admin = 全域系統管理員
role-helpdesk-agent = 技術服務代理人
role-sales-agent = 銷售代理人
role-billing-admin = 帳單系統管理員
role-customer-global-admin = 全域系統管理員
role-customer-user = 使用者

## Sign in
sign-in-title = 登入
sign-in-intro = 請使用您的公司電子郵件和密碼登入。
sign-in-email = 電子郵件
sign-in-password = 密碼
sign-in-submit = 登入
sign-in-missing-fields = 請輸入您的電子郵件和密碼。
sign-in-failed = 電子郵件或密碼不正確。

## Customers
customers-title = 客戶
customers-search-label = 依名稱搜尋客戶
customers-search-submit = 搜尋
customers-empty = 您還沒有客戶。請新增客戶、從檔案匯入，或要求建立關係。
customers-no-match = 沒有任何客戶名稱包含「{ $search }」。
customers-col-name = 客戶
customers-col-tenant = 租用戶識別碼

## Subscriptions
subscriptions-title = 訂用帳戶
subscriptions-empty = 您未向此客戶提供任何訂用帳戶。
subscription-product = 產品
subscription-quantity = 數量
subscription-status = 狀態
subscription-commerce-type = 商務類型
subscription-customer = 客戶
subscription-provider = 間接提供者
subscription-created = 建立日期
subscription-licenses = { $count ->
   *[other] { $count } 個授權
}
subscription-status-active = 使用中
subscription-status-suspended = 已暫停
commerce-license-based = 以授權為基礎
commerce-new-commerce = 新商務
designated-support-contact = 指派的支援連絡人
contact-section-title = 技術支援
contact-not-applicable = 不適用（新商務）
contact-hint-default = 對於新的訂用帳戶，指派的支援連絡人預設為間接提供者。您也可以將其變更為具有委派的系統管理員權限的間接轉銷商。
contact-hint-missing = 如果轉銷商的名稱未出現在可用的支援連絡人清單中，請透過要求建立關係來新增該轉銷商。建立關係之後，該轉銷商應該就會出現在清單中。
contact-read-only = 您的角色可以檢視指派的支援連絡人，但無法變更。系統管理代理人、全域系統管理員和技術服務代理人可以變更。
contact-new-commerce-note = 新商務訂用帳戶沒有指派的支援連絡人：由銷售該訂用帳戶的合作夥伴提供支援。
contact-unchanged = 該轉銷商已經是指派的支援連絡人。未進行任何變更。

## Review
review-title = 檢閱變更
review-saved = 已變更指派的支援連絡人。
review-previous-contact = 先前的支援連絡人
review-new-contact = 新的支援連絡人
review-changed-by = 變更者
review-changed-at = 變更時間
review-instructions = 請檢閱變更是否正確無誤，然後選取 [關閉]。

## Support profile
profile-title = 支援設定檔
profile-intro = 當您的組織是客戶訂用帳戶之指派的支援連絡人時，客戶會看到這些詳細資料。
profile-saved = 已儲存支援設定檔。
profile-has-errors = 部分詳細資料需要您注意。未儲存任何內容。
profile-email = 支援電子郵件
profile-phone = 支援電話
profile-website = 支援網站
profile-save = 儲存
profile-read-only = 只有系統管理代理人和全域系統管理員可以變更支援設定檔。
validation-email-required = 請輸入支援電子郵件。
validation-email-invalid = 請輸入電子郵件地址，例如 support@example.com。
validation-phone-required = 請輸入支援電話號碼。
validation-phone-invalid = 請輸入電話號碼，只能使用數字、空格和 + - ( ) .，且須包含 5 到 20 位數字。
validation-website-required = 請輸入支援網站。
validation-website-invalid = 請輸入完整的網站位址，例如 https://support.example.com。
validation-website-https = 網站位址必須以 https:// 開頭。

## Customer admin: Support
support-title = 支援
support-intro = 如需訂用帳戶的技術支援，請連絡其指派的支援連絡人。
support-empty = 您的組織沒有任何訂用帳戶。
support-contact = 支援連絡人
support-partner = 合作夥伴
support-email = 電子郵件
support-phone = 電話
support-website = 網站
support-sold-by = 銷售者
support-new-commerce-note = 這是新商務訂用帳戶：由銷售此訂用帳戶的合作夥伴提供支援。

## Errors
error-go-home = 前往首頁
error-title-bad-request = 無法使用此要求
error-title-forbidden = 拒絕存取
error-title-not-found = 找不到頁面
error-title-too-large = 資料過多
error-title-unavailable = 請再試一次
error-title-internal = 發生錯誤
error-bad-request = 無法理解此要求。請返回並再試一次。
error-bad-form = 表單不完整或已損毀。請返回、重新載入頁面，然後再試一次。
error-bad-query = 網址中含有此頁面無法使用的值。請檢查網址，然後再試一次。
error-forbidden = 您沒有執行此操作的權限。
error-not-found = 您要求的頁面不存在，或您沒有存取權。
error-sign-in-required = 請登入以繼續。
error-csrf = 此表單已過期，或不是從本網站送出。請返回、重新載入頁面，然後再試一次。
error-payload-too-large = 表單送出的資料過多。請縮短您輸入的內容，然後再試一次。
error-unavailable = 服務暫時無法使用。請稍候片刻，然後再試一次。
error-internal = 我們這邊發生錯誤。請再試一次；如果問題持續發生，請連絡您的系統管理員。
error-partners-only = 此頁面僅供合作夥伴使用者使用。
error-customers-only = 此頁面僅供客戶系統管理員使用。
error-ask-your-admin = 只有您組織的系統管理員可以查看系統管理員區域。請向您的系統管理員詢問您的支援連絡人。
error-role-may-not-change = 您的角色無法變更指派的支援連絡人。請洽詢系統管理代理人、全域系統管理員或技術服務代理人。
error-role-may-not-edit-profile = 您的角色無法變更支援設定檔。請洽詢系統管理代理人或全域系統管理員。
error-new-commerce = 新商務訂用帳戶沒有指派的支援連絡人，因此無法變更。
error-contact-not-available = 該組織不是此訂用帳戶可用的支援連絡人之一。未進行任何變更。
error-contact-stale = 在您處理此訂用帳戶期間，其他人已變更了它。未進行任何變更；目前指派的支援連絡人顯示於下方。

## Relationships: navigation and shared words
nav-indirect-resellers = 間接轉銷商
nav-supported-subscriptions = 由您的組織支援的訂用帳戶
nav-audit-log = 稽核記錄
nav-partner-relationships = 合作夥伴關係
request-a-relationship = 要求建立關係
delegated-admin-privileges = 委派的系統管理員權限
include-delegated-admin = 包含委派的系統管理員權限
remove-relationship-with-customer = 移除與客戶的關係
remove-relationship-button = 移除關係
col-actions = 動作
yes = 是
no = 否
cancel = 取消

## Indirect resellers (providers)
resellers-title = 間接轉銷商
resellers-intro = 與您的組織有使用中合作關係的間接轉銷商，在客戶授予其委派的系統管理員權限之後，即可成為您客戶訂用帳戶之指派的支援連絡人。
resellers-empty = 您目前尚未與任何間接轉銷商建立合作關係。
resellers-col-name = 間接轉銷商
resellers-col-partner-id = 合作夥伴識別碼
resellers-col-state = 狀態
resellers-col-requested = 要求時間
resellers-col-expires = 到期時間
resellers-state-active = 使用中
resellers-state-removed = 已移除
resellers-remove = 移除合作關係
resellers-removed = 已移除合作關係。原本由該轉銷商支援的訂用帳戶，其指派的支援連絡人已改回您的組織。
resellers-request-intro = 請輸入間接轉銷商的合作夥伴識別碼。您會取得一個只能使用一次的連結，請將其傳送給該轉銷商的系統管理代理人或全域系統管理員。
resellers-partner-id-label = 間接轉銷商的合作夥伴識別碼
resellers-error-required = 請輸入間接轉銷商的合作夥伴識別碼。
resellers-error-unknown = 沒有任何間接轉銷商使用此合作夥伴識別碼。請檢查號碼後再試一次。
resellers-error-already = 您與此間接轉銷商已有使用中的合作關係。
resellers-pending-title = 等待回覆的要求
resellers-remove-title = 移除合作關係
resellers-remove-question = 要移除您與 { $reseller } 的合作關係嗎？
resellers-remove-consequence = { $reseller } 將不再列於您客戶訂用帳戶的可用的支援連絡人中。所有以其為指派的支援連絡人的訂用帳戶，都會立即改回由您的組織支援。

## Customer relationships (partners)
relationship-request-intro-any = 建立一個邀請客戶與您的組織建立關係的連結，並傳送給該客戶的全域系統管理員。第一個由系統管理員接受邀請的客戶，即會與您建立關係。
relationship-request-intro-customer = 建立一個邀請 { $customer } 與您的組織建立關係的連結。只有 { $customer } 的全域系統管理員可以接受。
relationship-request-delegated-hint = 擁有委派的系統管理員權限後，您的系統管理代理人即可管理客戶的服務，您的組織也可以成為其訂用帳戶之指派的支援連絡人。
customer-relationship-title = 關係
customer-relationship-delegated = 您的組織與此客戶有關係，且包含委派的系統管理員權限。
customer-relationship-plain = 您的組織與此客戶有關係，但不包含委派的系統管理員權限。
customer-relationship-none = 您的組織與此客戶沒有關係。
customer-resellers-title = 間接轉銷商與此客戶的關係
customer-resellers-empty = 您的間接轉銷商都沒有與此客戶建立關係。
customer-resellers-removed = 已移除此關係。該轉銷商原本為此客戶支援的訂用帳戶，其指派的支援連絡人已改回間接提供者。
remove-relationship-question = 要移除 { $partner } 與 { $customer } 之間的關係嗎？
remove-relationship-consequence = { $partner } 將失去與 { $customer } 的關係，以及所有委派的系統管理員權限。{ $customer } 所有以 { $partner } 為指派的支援連絡人的訂用帳戶，都會立即改回由其間接提供者支援。

## Invitations
invitation-created-title = 傳送邀請
invitation-created-intro = 邀請已準備就緒。請複製下方的連結和訊息並自行傳送：連結只會在此顯示這一次。
invitation-link-label = 邀請連結
invitation-link-note = 此連結只能使用一次，並於 { $date } 到期。
invitation-message-label = 要傳送的訊息
invitation-message-partnership =
    { $provider }（合作夥伴識別碼 { $partner_id }）邀請 { $reseller } 成為其間接轉銷商，並要求建立合作關係。

    若要回覆，請由 { $reseller } 的系統管理代理人或全域系統管理員登入「{ app-name }」，並開啟此連結：
    { $link }

    此連結只能使用一次，並於 { $date } 到期。
invitation-message-customer =
    { $partner }（合作夥伴識別碼 { $partner_id }）要求與您的組織建立關係。
    { $delegated ->
        [yes] 此要求包含委派的系統管理員權限，可讓 { $partner } 管理您的服務；開啟連結後的頁面會說明其內容。
       *[no] 此要求不包含委派的系統管理員權限。
    }

    若要回覆，請由您組織的全域系統管理員登入「{ app-name }」，並開啟此連結：
    { $link }

    此連結只能使用一次，並於 { $date } 到期。
invitation-back = 返回
invitation-partnership-title = 合作關係要求
invitation-customer-title = 關係要求
invitation-from = 要求者
invitation-partner-id = 合作夥伴識別碼
invitation-partner-kind = 合作夥伴類型
invitation-expires = 有效期限
invitation-partnership-text = { $partner } 邀請您的組織成為其間接轉銷商。合作關係處於使用中狀態時，{ $partner } 即可將您的組織設為其客戶訂用帳戶之指派的支援連絡人。
invitation-customer-text = { $partner } 要求與您的組織建立關係。
invitation-delegated-explained = 此要求包含委派的系統管理員權限。這些權限可讓 { $partner } 的系統管理代理人像您自己的系統管理員一樣，管理您組織的服務和訂用帳戶，例如新增使用者、重設密碼和指派授權。{ $partner } 也可以成為您訂用帳戶之指派的支援連絡人。您隨時可以在「系統管理員」的「合作夥伴關係」中移除這些權限。
invitation-no-delegated = 此要求不包含委派的系統管理員權限：{ $partner } 無法管理您組織的服務。
invitation-accept = 接受
invitation-decline = 拒絕
invitation-accepted-title = 已接受邀請
invitation-declined-title = 已拒絕邀請
invitation-accepted-partnership = 您的組織現在是 { $partner } 的間接轉銷商。
invitation-accepted-customer = { $partner } 現在已與您的組織建立關係。
invitation-accepted-unchanged = 您與 { $partner } 的關係已符合邀請的內容，因此未做任何變更。
invitation-declined-text = 您已拒絕 { $partner } 的要求，未做任何變更。
invitation-continue = 繼續
invitation-problem-title = 無法使用此邀請
invitation-not-valid = 此邀請連結無效。請確認您已複製完整的連結，或向合作夥伴索取新的連結。
invitation-used = 此邀請已被接受。每個連結只能使用一次，因此未做任何變更。
invitation-was-declined = 此邀請已被拒絕，無法再使用。請向合作夥伴索取新的邀請。
invitation-expired = 此邀請已過期：連結的有效期限為 30 天。請向合作夥伴索取新的邀請。
invitation-wrong-kind-partnership = 此邀請是給間接轉銷商的。請使用收到此邀請的間接轉銷商帳戶登入。
invitation-wrong-kind-customer = 此邀請是給客戶的。請使用該客戶的全域系統管理員帳戶登入。
invitation-not-yours = 此邀請是傳送給其他組織的。未做任何變更。
invitation-wrong-role-partnership = 只有您組織的系統管理代理人或全域系統管理員可以回覆此邀請。請將連結傳送給他們。
invitation-wrong-role-customer = 只有您組織的全域系統管理員可以回覆此邀請。請將連結傳送給對方。

## Customer admin: Partner relationships
relationships-title = 合作夥伴關係
relationships-intro = 與您的組織有關係的合作夥伴。擁有委派的系統管理員權限的合作夥伴可以管理您的服務，也可以成為您訂用帳戶之指派的支援連絡人。
relationships-empty = 目前沒有任何合作夥伴與您的組織有關係。
relationships-col-partner = 合作夥伴
relationships-col-since = 建立日期
relationships-col-kind = 類型
relationships-remove = 移除關係
relationships-remove-delegated = 移除委派的系統管理員權限
relationships-removed = 已移除此關係。
relationships-delegated-removed = 已移除委派的系統管理員權限。
relationships-remove-title = 移除關係
relationships-remove-question = 要移除與 { $partner } 的關係嗎？
relationships-remove-consequence = { $partner } 將無法再管理您的服務或支援您的訂用帳戶。所有以 { $partner } 為指派的支援連絡人的訂用帳戶，都會立即改由其間接提供者擔任支援連絡人。
relationships-remove-delegated-title = 移除委派的系統管理員權限
relationships-remove-delegated-question = 要移除 { $partner } 的委派的系統管理員權限嗎？
relationships-remove-delegated-consequence = { $partner } 會保留與您組織的關係，但無法再管理您的服務。所有以 { $partner } 為指派的支援連絡人的訂用帳戶，都會立即改由其間接提供者擔任支援連絡人。

## Supported subscriptions (resellers)
supported-title = 由您的組織支援的訂用帳戶
supported-intro = 由您的組織擔任指派的支援連絡人的訂用帳戶。這些訂用帳戶由其間接提供者管理，此清單為唯讀。
supported-empty = 您的組織目前不是任何訂用帳戶之指派的支援連絡人。
supported-bad-cursor = 此頁面連結無效（可能已被截斷或變更）。清單已從第一頁開始顯示。

## Audit log
audit-title = 稽核記錄
audit-intro-partner = 您的組織所做的每項變更，以及其合作關係、客戶關係和支援連絡人指派的每項變更。時間皆為 UTC。
audit-intro-customer = 與您的組織有關的每項變更：其合作夥伴關係和訂用帳戶的支援連絡人。時間皆為 UTC。
audit-filter-customer-name = 客戶名稱
audit-filter-customer-name-hint = 輸入名稱的一部分即可，例如「adatum」。
audit-filter-from = 開始日期
audit-filter-to = 結束日期
audit-filter-apply = 套用篩選
audit-download = 下載 CSV
audit-empty = 沒有符合的變更。
audit-col-time = 時間 (UTC)
audit-col-actor = 執行者
audit-col-organization = 組織
audit-col-customer = 客戶
audit-col-object = 對象
audit-col-change = 變更
audit-col-old = 舊值
audit-col-new = 新值
audit-col-event-id = 事件識別碼
audit-col-cause-id = 起因事件識別碼
audit-system = 系統（自動）
audit-caused-by = 起因：{ $change }
audit-error-date = 請以 YYYY-MM-DD 格式輸入日期，例如 2026-11-22。
audit-error-range = 開始日期不得晚於結束日期。
audit-error-bulk = 該大量變更參考無效。請從大量變更的結果頁面開啟記錄。
audit-bulk-only = 只顯示一次大量變更的變更。
audit-show-all = 顯示所有事件
audit-error-customer = 客戶參照無效。請改為輸入客戶名稱的一部分。
audit-customer-only = 只顯示與 { $customer } 相關的變更。
audit-customer-only-unknown = 只顯示與一個客戶相關的變更。
audit-customer-clear = 顯示所有客戶
audit-action-support-contact-changed = 已變更指派的支援連絡人
audit-action-support-contact-fallback = 指派的支援連絡人已改回間接提供者
audit-action-support-profile-changed = 已變更支援設定檔
audit-action-partnership-requested = 已要求建立合作關係
audit-action-partnership-accepted = 已接受合作關係
audit-action-partnership-declined = 已拒絕合作關係要求
audit-action-partnership-removed = 已移除合作關係
audit-action-relationship-requested = 已要求建立關係
audit-action-relationship-accepted = 已接受關係
audit-action-relationship-declined = 已拒絕關係要求
audit-action-relationship-removed = 已移除關係
audit-action-delegated-admin-removed = 已移除委派的系統管理員權限
audit-value-none = 無
audit-value-pending = 等待回覆
audit-value-active = 使用中
audit-value-removed = 已移除
audit-value-declined = 已拒絕
audit-value-with-delegated-admin = 包含委派的系統管理員權限
audit-value-without-delegated-admin = 不含委派的系統管理員權限
audit-object-subscription = 訂用帳戶
audit-object-support-profile = 支援設定檔
audit-object-partnership = 合作關係
audit-object-customer-relationship = 客戶關係
audit-object-invitation = 邀請

## Errors: relationships
error-providers-only = 此頁面僅供間接提供者使用。
error-resellers-only = 此頁面僅供間接轉銷商使用。
error-role-admins-only = 只有系統管理代理人和全域系統管理員可以執行此操作。請洽詢他們。
