# Customers and subscriptions of a real partner: Add customer, subscriptions and their life,
# ending a relationship, withdrawing invitations, CSV import and export.

customers-add = 新增客戶
customers-add-intro = 系統會同時建立客戶、您與該客戶的關係（包含委派的系統管理員權限），以及該客戶的第一位全域系統管理員。您會取得一個連結，請將其傳送給該系統管理員。
customers-add-company = 公司
customers-add-admin = 客戶的第一位全域系統管理員
customers-field-name = 公司名稱
customers-field-domain = 主要網域
customers-field-country = 國家或地區（兩個字母的代碼，例如 US、TW 或 JP）
customers-added-title = 已新增客戶
customers-added-intro = 已新增 { $customer }，您與該客戶的關係包含委派的系統管理員權限。請將下方的連結傳送給該客戶的全域系統管理員。
customers-added-message = { $name } 您好：

    { $partner } 已在 support-contacts 中設定 { $customer }。您可以在這裡查看由誰為您的每個訂用帳戶提供技術支援（請依序前往「系統管理員」和「支援」）。

    請在 { $date } 之前使用此連結設定您的密碼。此連結只能使用一次：
    { $link }

    之後，請使用您的電子郵件地址 { $email } 登入。
customers-go-to = 前往 { $customer }
validation-domain-taken = 其他組織已在使用此網域。
validation-country-required = 請輸入國家或地區。
validation-country-invalid = 請輸入兩個字母的 ISO 3166 代碼，例如 US、TW 或 JP。
relationship-ended = 已移除您與該客戶的關係。

subscriptions-add = 新增訂用帳戶
subscriptions-add-intro = 為 { $customer } 新增訂用帳戶。舊版訂用帳戶之指派的支援連絡人一開始為您的組織；新商務訂用帳戶則沒有指派的支援連絡人。
subscriptions-commerce-hint = 舊版（以授權為基礎）訂用帳戶有指派的支援連絡人；新商務訂用帳戶則沒有。
subscription-added = 已新增訂用帳戶。
subscription-start-date = 開始日期
subscription-external-id = 外部識別碼（您帳單系統中的識別碼，選用）
subscription-manage-title = 數量和狀態
subscription-save-quantity = 儲存數量
subscription-suspend = 暫停
subscription-reactivate = 重新啟用
subscription-cancel = 取消訂用帳戶
subscription-cancel-title = 取消訂用帳戶
subscription-cancel-question = 要取消 { $product } 嗎？
subscription-cancel-consequence = 已取消的訂用帳戶無法重新啟用，其指派的支援連絡人也無法再變更。
subscription-saved = 已變更訂用帳戶。
subscription-error-cancelled = 此訂用帳戶已取消，無法再變更。
subscription-error-already-active = 此訂用帳戶已經是使用中狀態。
subscription-error-already-suspended = 此訂用帳戶已經暫停。
error-subscription-cancelled = 此訂用帳戶已取消，因此無法再變更其指派的支援連絡人。未進行任何變更。
contact-cancelled-note = 此訂用帳戶已取消，因此無法再變更其指派的支援連絡人。
validation-product-required = 請輸入產品名稱。
validation-quantity-required = 請輸入數量。
validation-quantity-invalid = 請輸入 1 到 1,000,000 之間的整數。
validation-commerce-type-required = 請選擇舊版（以授權為基礎）或新商務。
validation-commerce-type-invalid = 請選擇舊版（以授權為基礎）或新商務。
validation-start-date-required = 請輸入開始日期。
validation-start-date-invalid = 請以 YYYY-MM-DD 格式輸入日期。
validation-external-id-invalid = 最多可使用 100 個字元，且不得包含控制字元。
validation-external-id-taken = 您的另一個訂用帳戶已在使用此外部識別碼。
customer-supported-title = 由您的組織支援的訂用帳戶
end-relationship-link = 移除您與此客戶的關係
end-relationship-question = 要移除您的組織與 { $customer } 的關係嗎？
end-relationship-consequence = 您的組織將不再列於 { $customer } 的可用的支援連絡人中。所有以您的組織為指派的支援連絡人、但您的組織已不能再擔任其支援連絡人的訂用帳戶，都會改回由其間接提供者支援。

invitation-withdraw = 撤回
invitation-withdrawn-done = 已撤回此要求，其連結已無法使用。
invitation-was-withdrawn = 傳送此要求的組織已將其撤回。如果您仍需要，請向對方索取新的要求。
relationship-requests-pending = 等待回覆的要求
relationship-requests-any-customer = 任何接受要求的客戶
audit-value-withdrawn = 已撤回

import-title = 匯入客戶和訂用帳戶
import-intro = 請上傳 CSV 檔案（UTF-8，以逗號或分號分隔），每一行一個訂用帳戶。在儲存任何內容之前，您會先看到將會變更的內容；只要有任何一行遭到拒絕，就不會進行任何變更。
import-file = CSV 檔案
import-file-hint = 最多 10 MiB 和 100,000 行。第一行為欄名稱。
import-preview = 預覽
import-columns-title = 欄
import-template = 下載範本
import-column-customer_name = 客戶的公司名稱。
import-column-customer_domain = 客戶的主要網域，用來識別客戶。
import-column-country = 國家或地區，以兩個字母的 ISO 3166 代碼表示。
import-column-external_subscription_id = 訂用帳戶在您帳單系統中的識別碼，用來識別訂用帳戶。
import-column-product = 產品名稱。
import-column-quantity = 授權數目，1 到 1,000,000。
import-column-commerce_type = legacy 或 new_commerce。
import-column-status = active、suspended 或 cancelled。
import-column-reseller_partner_id = 選用：擔任指派的支援連絡人之間接轉銷商的合作夥伴識別碼。空白表示您的組織。
import-preview-title = 匯入預覽
import-applied-title = 匯入完成
import-file-name = 檔案：{ $name }
import-ready = 尚未儲存任何內容。請檢查數目，然後套用匯入。
import-has-refused = 部分行遭到拒絕。在更正檔案之前，不會匯入任何內容。
import-refused-at-apply = 資料在預覽之後已變更，部分行現在遭到拒絕。未匯入任何內容。
import-applied = 已套用匯入。
import-counts-caption = 匯入的變更
import-col-what = 記錄
import-col-created = 已建立
import-col-updated = 已更新
import-col-unchanged = 未變更
import-refused-title = 遭拒絕的行
import-reported-title = 已匯入但附有附註的行
import-col-line = 行
import-col-reason = 原因
import-col-value = 值
import-line = 第 { $line } 行
import-apply = 套用匯入
import-again = 匯入其他檔案
import-error-too-large = 檔案大於 10 MiB。請將其分割，然後分別匯入各部分。
import-error-too-many-rows = 檔案超過 100,000 行。請將其分割，然後分別匯入各部分。
import-error-not-utf8 = 檔案不是 UTF-8 文字。請將其另存為 CSV UTF-8，然後再試一次。
import-error-empty = 檔案是空的。
import-error-no-file = 請選擇要上傳的 CSV 檔案。
import-error-columns = 第一行缺少下列欄：{ $columns }。
import-error-applied = 此匯入已套用。
import-row-unreadable = 無法將此行讀取為 CSV（請檢查引號）。
import-row-customer-name = 客戶名稱遺漏或過長。
import-row-domain = 網域格式不正確。
import-row-country = 國家或地區不是兩個字母的 ISO 3166 代碼。
import-row-external-id = 外部訂用帳戶識別碼遺漏或過長。
import-row-product = 產品名稱遺漏或過長。
import-row-quantity = 數量不是 1 到 1,000,000 之間的整數。
import-row-commerce-type = 商務類型必須是 legacy 或 new_commerce。
import-row-status = 狀態必須是 active、suspended 或 cancelled。
import-row-new-commerce-contact = 新商務訂用帳戶沒有指派的支援連絡人；請將轉銷商保留空白。
import-row-duplicate-external-id = 前面的行也有此外部識別碼。
import-row-customer-differs = 前面的行為此網域指定了不同的客戶名稱或國家/地區。
import-row-domain-taken = 此網域屬於與您沒有關係的組織。
import-row-reseller-unknown = 沒有任何間接轉銷商使用此合作夥伴識別碼。
import-row-reseller-not-eligible = 此轉銷商不是該客戶可用的支援連絡人之一；指派的支援連絡人仍為您的組織。
import-row-external-id-other-customer = 此外部識別碼屬於其他客戶的訂用帳戶。
import-row-commerce-type-fixed = 訂用帳戶的商務類型無法變更。
import-row-cancelled = 已取消的訂用帳戶無法再變更為使用中或已暫停。
export-csv = 匯出 (CSV)

audit-object-import = 匯入
audit-action-customer-added = 已新增客戶
audit-action-subscription-added = 已新增訂用帳戶
audit-action-quantity-changed = 已變更數量
audit-action-subscription-suspended = 已暫停訂用帳戶
audit-action-subscription-reactivated = 已重新啟用訂用帳戶
audit-action-subscription-cancelled = 已取消訂用帳戶
audit-action-subscription-imported = 已透過匯入變更訂用帳戶
audit-action-customer-updated = 已透過匯入變更客戶
audit-action-import-applied = 已套用匯入
audit-action-invitation-withdrawn = 已撤回要求
review-closed = { $product } 之指派的支援連絡人現在是 { $contact }。
audit-newer = 較新的變更
audit-older = 較舊的變更
