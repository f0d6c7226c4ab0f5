## Layout
app-name = 支援連絡人
skip-to-content = 跳至主要內容
nav-main = 主要
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
role-billing-admin = 帳單管理員
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
customers-empty = 您目前還沒有擁有訂用帳戶的客戶。
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
contact-not-applicable = 不適用（新商務）
contact-hint-default = 對於新的訂用帳戶，指派的支援連絡人預設為間接提供者。您也可以將其變更為具有委派系統管理員許可權的間接轉銷商。
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
