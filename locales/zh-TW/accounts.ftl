# Accounts: set-password links, passwords, User management, the Admin area's sections.

nav-user-management = 使用者管理
nav-change-password = 變更密碼
admin-sections-label = 系統管理員區段
role-customer-billing-admin = 帳單系統管理員
role-customer-helpdesk-admin = 技術服務管理員

form-has-errors = 部分欄位需要修正。尚未儲存任何內容。
validation-name-required = 請輸入名稱。
validation-name-invalid = 最多可使用 200 個字元，且不得包含控制字元。
validation-email-taken = 已有使用者使用此電子郵件地址。
validation-domain-required = 請輸入網域，例如 contoso.com。
validation-domain-invalid = 請輸入網域，例如 contoso.com：只能使用英文字母、數字和連字號，各部分之間以句點分隔。
validation-partner-id-required = 請輸入合作夥伴識別碼。
validation-partner-id-invalid = 合作夥伴識別碼須為 6 到 10 位數字。
init-error-name-taken = 已有使用此名稱的合作夥伴組織。
init-error-partner-id-taken = 已有使用此合作夥伴識別碼的組織。

password-new = 新密碼
password-confirm = 確認新密碼
password-current = 目前的密碼
password-rules = 至少需 { $min } 個字元；{ $recommended } 個字元以上更佳。所有字元都會計入，包括空格和表情符號，也可以直接貼上。系統不接受常用的密碼。
password-error-required = 請輸入新密碼。
password-error-too-short = 此密碼太短。請至少使用 8 個字元。
password-error-too-long = 此密碼太長。最多只能使用 128 個字元。
password-error-common = 此密碼是最常用的密碼之一，很容易被猜到。請選擇其他密碼。
password-error-context = 密碼不得為您的電子郵件地址或名稱。請選擇其他密碼。
password-error-mismatch = 兩次輸入的新密碼不一致。請重新輸入。
password-error-current = 目前的密碼不正確。未進行任何變更。

set-password-title = 設定您的密碼
set-password-intro = 請選擇您登入時要使用的密碼。此連結只能使用一次。
set-password-submit = 設定密碼
set-password-done = 已設定您的密碼。現在請使用此密碼登入。
set-password-problem-title = 無法使用此連結
set-password-problem-next = 請向您組織的全域系統管理員索取新的連結。如果您已經有密碼，請直接登入。
set-password-link-unknown = 此連結不是由本網站所建立。請確認您已複製完整的連結。
set-password-link-used = 此連結已被使用過。每個連結只能設定一次密碼。
set-password-link-expired = 此連結已過期。
set-password-link-replaced = 已為此帳戶建立較新的連結；只有最新的連結可以使用。
set-password-link-closed = 此帳戶已停用或已移除。

account-password-title = 變更密碼
account-password-intro = 請輸入您目前的密碼，然後輸入兩次新密碼。您的其他工作階段將會結束，目前這個工作階段則會保持登入。
account-password-submit = 變更密碼
account-password-saved = 已變更您的密碼。您的其他工作階段已登出。

users-intro = 您組織中可以登入的人員及其角色。全域系統管理員可以新增使用者、變更角色，以及停用或移除使用者。
users-add = 新增使用者
users-add-intro = 新使用者會取得一個用來設定密碼的連結，有效期限為 7 天。請您自行將連結傳送給對方。
users-add-submit = 新增使用者
users-col-name = 名稱
users-col-email = 電子郵件
users-col-role = 角色
users-col-state = 狀態
users-col-added = 新增日期
user-state-active = 使用中
user-state-invited = 使用中，等待設定密碼
user-state-disabled = 已停用
user-state-removed = 已移除
users-change-role = 角色
users-save-role = 儲存角色
users-access = 存取
users-new-link = 新的設定密碼連結
users-disable = 停用使用者
users-enable = 啟用使用者
users-remove = 移除使用者
users-is-you = 這是您自己的帳戶。
users-back = 返回使用者管理
users-done-role = 已變更角色。
users-done-disabled = 已停用此使用者，並已將其從所有裝置登出。
users-done-enabled = 已啟用此使用者，對方可以再次登入。
users-done-removed = 已移除此使用者。
users-error-role = 請從清單中選擇一個角色。
users-error-last-global-admin = 您的組織必須至少保留一位使用中的全域系統管理員。請先將另一位使用者設為全域系統管理員。
users-error-removed = 此使用者已被移除。
users-error-link-disabled = 已停用的使用者無法設定密碼。請先啟用此使用者。
users-disable-title = 停用使用者
users-disable-question = 要停用 { $name }（{ $email }）嗎？
users-disable-consequence = 對方會立即從所有裝置登出，且在全域系統管理員重新啟用之前都無法登入。
users-remove-title = 移除使用者
users-remove-question = 要移除 { $name }（{ $email }）嗎？
users-remove-consequence = 對方會從所有裝置登出，且無法再登入。稽核記錄會保留對方執行過的操作。
users-added-title = 已新增使用者
users-added-intro = 已新增 { $name }。請將下方的連結傳送給對方，讓對方設定密碼。
users-added-message = { $name } 您好：

    { $admin } 已將您新增至 support-contacts 中的 { $organization }。我們使用 support-contacts 管理由誰為我們客戶的訂用帳戶提供技術支援。

    請在 { $date } 之前使用此連結設定您的密碼。此連結只能使用一次：
    { $link }

    之後，請使用您的電子郵件地址 { $email } 登入。
users-link-title = 新的設定密碼連結
users-link-intro = 已為 { $name } 建立新的連結，先前的連結都已失效。請將此連結傳送給對方。
users-link-message = { $name } 您好：

    以下連結可讓您為 support-contacts 中 { $organization } 的帳戶設定新密碼。此連結只能使用一次，有效期限至 { $date }：
    { $link }

    如果您並未要求此連結，請告知 { $admin }。
users-link-label = 設定密碼連結
users-link-note = 只能使用一次，有效期限至 { $date }。

error-back-to-form = 返回表單
error-title-conflict = 未進行此變更
error-title-gone = 此項目已無法使用
error-title-too-many = 嘗試次數過多
error-conflict = 其他人同時變更了此項目。請重新載入頁面，然後再試一次。
error-gone = 您要求的項目已無法使用。
error-too-many = 嘗試次數過多。請稍候片刻，然後再試一次。
error-role-global-admins-only = 只有您組織的全域系統管理員可以執行此操作。請洽詢其中一位全域系統管理員。

audit-operator = 操作員（命令列）
audit-object-user = 使用者
audit-object-organization = 組織
audit-action-organization-created = 已建立組織
audit-action-user-added = 已新增使用者
audit-action-user-role-changed = 已變更角色
audit-action-user-disabled = 已停用使用者
audit-action-user-enabled = 已啟用使用者
audit-action-user-removed = 已移除使用者
audit-action-password-link-issued = 已建立設定密碼連結
audit-action-password-set = 已透過連結設定密碼
audit-action-password-changed = 已變更密碼
subscription-status-cancelled = 已取消
