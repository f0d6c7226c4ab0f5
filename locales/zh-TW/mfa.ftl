# Multi-factor authentication: enrolment, the sign-in step, recovery codes, the policy.

mfa-title = 多重要素驗證 (MFA)
mfa-intro = 使用多重要素驗證時，登入需要您的密碼以及手機上驗證器應用程式提供的代碼，因此僅憑被竊取的密碼無法登入。
mfa-account-link = 多重要素驗證 (MFA) 設定
mfa-status = 狀態
mfa-status-on-since = 自 { $date } 起已開啟
mfa-status-off = 已關閉
mfa-required-by-organization = 您的組織要求所有使用者使用多重要素驗證，因此無法關閉。
mfa-set-up = 設定
mfa-back = 返回多重要素驗證
mfa-done-off = 已關閉多重要素驗證。

mfa-sign-in-title = 輸入您的代碼
mfa-sign-in-intro = 請開啟您的驗證器應用程式，並輸入其為 support-contacts 顯示的 6 位數代碼。
mfa-code-label = 代碼
mfa-code-or-recovery-hint = 手機不在身邊嗎？請改為輸入您的其中一個復原碼。
mfa-verify = 驗證
mfa-start-again = 重新登入

mfa-setup-title = 設定多重要素驗證
mfa-setup-required-intro = 您的組織要求使用多重要素驗證。請立即設定以完成登入。
mfa-setup-step-app = 在您的手機上安裝驗證器應用程式，例如 Microsoft Authenticator。
mfa-setup-step-scan = 在應用程式中新增帳戶，並掃描此 QR 代碼。
mfa-setup-step-key = 無法掃描嗎？請改為在應用程式中輸入此金鑰：
mfa-setup-step-code = 輸入應用程式顯示的 6 位數代碼。
mfa-setup-submit = 驗證並開啟

mfa-codes-title = 復原碼
mfa-codes-once = 請立即儲存這些代碼。它們只會顯示一次。
mfa-codes-intro = 當您無法使用驗證器應用程式時，每個代碼可讓您登入一次。請將它們存放在安全的地方，例如密碼管理員。
mfa-codes-continue = 繼續
mfa-codes-unused = { $count ->
   *[other] { $count } 個未使用
}
mfa-codes-renew-intro = 新的復原碼會取代您舊的復原碼：舊的代碼將無法再使用。
mfa-codes-renew = 取得新的復原碼

mfa-turn-off-title = 關閉多重要素驗證
mfa-turn-off-proof = 目前的密碼或驗證器應用程式中的代碼
mfa-turn-off = 關閉

mfa-policy-label = 要求所有使用者使用多重要素驗證
mfa-policy-hint = 尚未設定的使用者會在下次登入時進行設定。
mfa-policy-save = 儲存
mfa-policy-saved = 已儲存多重要素驗證設定。
mfa-reset = 重設多重要素驗證
mfa-reset-hint = 會將該使用者從所有裝置登出，並移除其驗證器應用程式與復原碼。如果您的組織要求使用多重要素驗證，對方會在下次登入時重新設定。
mfa-reset-done = 已重設多重要素驗證。該使用者已登出。

mfa-error-code = 代碼不正確。請輸入驗證器應用程式目前的代碼，或輸入復原碼。
mfa-error-code-used = 此代碼已使用過。請等待應用程式顯示新的代碼後再輸入。
mfa-error-required = 您的組織要求使用多重要素驗證，因此無法關閉。
mfa-error-setup-expired = 設定已重新開始。請掃描新的 QR 代碼（或輸入新的金鑰），然後輸入代碼。
mfa-error-already-set-up = 此帳戶已設定多重要素驗證。
mfa-error-not-set-up = 此帳戶尚未設定多重要素驗證。
mfa-error-proof = 這不是您目前的密碼，也不是目前的代碼。
mfa-error-reset-self = 您無法在此重設自己的多重要素驗證。請使用您自己的多重要素驗證頁面。
mfa-error-reset-none = 此使用者尚未設定多重要素驗證。

audit-action-mfa-enrolled = 已設定多重要素驗證
audit-action-mfa-turned-off = 已關閉多重要素驗證
audit-action-mfa-recovery-codes-renewed = 已產生新的復原碼
audit-action-mfa-recovery-code-used = 已使用復原碼登入
audit-action-mfa-reset = 已重設多重要素驗證
audit-action-mfa-required = 已要求所有使用者使用多重要素驗證
audit-action-mfa-not-required = 已不再要求使用多重要素驗證
mfa-error-too-many-codes = 輸入錯誤代碼或密碼的次數過多。為了保護帳戶，驗證已暫停一段時間。
