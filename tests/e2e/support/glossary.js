// The words a user following the seed's steps looks for (shared/glossary.md, "Words that the
// pages must use exactly"). The journeys find controls by the .ftl texts; this table pins those
// texts, so a translation that drifts from the glossary fails the suite instead of being followed.

const GLOSSARY = {
  'designated-support-contact': {
    en: 'Designated support contact',
    'zh-TW': '指派的支援連絡人',
    'ja-JP': '指定のサポート連絡先',
  },
  submit: { en: 'Submit', 'zh-TW': '提交', 'ja-JP': '送信' },
  close: { en: 'Close', 'zh-TW': '關閉', 'ja-JP': '閉じる' },
  'nav-customers': { en: 'Customers', 'zh-TW': '客戶', 'ja-JP': '顧客' },
  'customers-title': { en: 'Customers', 'zh-TW': '客戶', 'ja-JP': '顧客' },
  'support-title': { en: 'Support', 'zh-TW': '支援', 'ja-JP': 'サポート' },
  'nav-admin': { en: 'Admin', 'zh-TW': '系統管理員', 'ja-JP': '管理者' },
  'role-helpdesk-agent': { en: 'Helpdesk agent', 'zh-TW': '技術服務代理人', 'ja-JP': 'ヘルプデスクエージェント' },
  'role-sales-agent': { en: 'Sales agent', 'zh-TW': '銷售代理人', 'ja-JP': 'セールス エージェント' },
};

module.exports = { GLOSSARY };
