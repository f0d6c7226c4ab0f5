# Bulk changes of designated support contacts (Customers → Bulk change).
customers-bulk-change = 大量變更指派的支援連絡人
bulk-title = 大量變更指派的支援連絡人
bulk-intro = 選擇客戶的訂用帳戶和新指派的支援連絡人。每項變更都會先讓您檢閱；若新的連絡人不被允許，訂用帳戶會保留原本的連絡人。
bulk-replace-title = 在所有允許之處取代轉銷商
bulk-replace-hint = 選擇所有以第一個組織為指派的支援連絡人的訂用帳戶，並在第二個組織是可用的支援連絡人之處，檢閱將其變更為第二個組織。
bulk-replace-from = 取代此支援連絡人
bulk-replace-to = 改為
bulk-choose-title = 選擇訂用帳戶
bulk-filter-all = 全部
bulk-filter-contact = 目前指派的支援連絡人
bulk-filter-apply = 篩選
bulk-customer-hint = 您的客戶數量超過此清單可顯示的上限。若要選擇其中一位客戶，請在「客戶」頁面開啟該客戶，然後選擇其中的「大量變更指派的支援連絡人」。
bulk-customer-hint-link = 前往客戶
bulk-empty = 沒有符合的訂用帳戶。
bulk-truncated = 只列出前 { $max } 個符合的訂用帳戶。請縮小篩選範圍以找到其他訂用帳戶。
bulk-select-all = 選取列出的所有訂用帳戶
bulk-list-caption = 可選擇的訂用帳戶
bulk-col-choose = 選擇
bulk-new-contact = 新指派的支援連絡人
bulk-new-contact-hint = 您的組織，或與您有使用中合作關係的間接轉銷商。檢閱時會依每個訂用帳戶的客戶進行檢查。
bulk-review = 檢閱變更
bulk-review-title = 檢閱大量變更
bulk-result-title = 已完成大量變更
bulk-contact-unknown = 不是您可以選擇的組織
bulk-would-change-count = { $count } 個訂用帳戶將會變更。
bulk-changed-count = 已變更 { $count } 個訂用帳戶。
bulk-refused-count =
    { $count ->
        [0] 所有選擇的訂用帳戶都可以變更。
       *[other] { $count } 個訂用帳戶保留其指派的支援連絡人。
    }
bulk-would-change-title = 將會變更
bulk-changed-title = 已變更
bulk-cannot-change-title = 無法變更
bulk-not-changed-title = 未變更
bulk-no-changes = 沒有任何選擇的訂用帳戶可以變更為此連絡人。
bulk-col-from = 先前的支援連絡人
bulk-col-to = 新的支援連絡人
bulk-col-reason = 原因
bulk-not-found-count = 有 { $count } 個選擇的訂用帳戶不屬於您，未進行任何變更。
bulk-replace-more = 以此支援連絡人為指派的訂用帳戶超過一次大量變更可處理的數量：此檢閱涵蓋前 { $max } 個。套用後，您可以檢閱接下來的訂用帳戶。
bulk-replace-rest = 還有其他訂用帳戶以被取代的支援連絡人為指派的支援連絡人。下一次檢閱最多涵蓋其中 { $max } 個。
bulk-replace-next = 檢閱接下來的訂用帳戶
bulk-in-audit-log = 在稽核記錄中查看這些變更
bulk-apply = 套用變更
bulk-again = 再進行一次大量變更
bulk-reason-not-found = 不是您的訂用帳戶。
bulk-reason-stale = 在您選擇之後，其他人已變更了它；未進行變更。
bulk-reason-new-commerce = 新商務：沒有指派的支援連絡人。
bulk-reason-cancelled = 已取消：無法再變更其連絡人。
bulk-reason-not-available = 不是此客戶可用的支援連絡人（需要與您有使用中的合作關係，並與該客戶有包含委派的系統管理員權限的關係）。
bulk-reason-already-contact = 已經是其指派的支援連絡人。
bulk-error-no-contact = 請選擇新指派的支援連絡人。
bulk-error-none-chosen = 請至少選擇一個訂用帳戶。
bulk-error-too-many = 一次大量變更的訂用帳戶太多。請縮小篩選範圍。
audit-action-support-contact-bulk-changed = 已變更指派的支援連絡人（大量變更）
