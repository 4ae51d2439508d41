import type { Locale } from '../../contract/locale.ts';
import type { OrderState } from '../../contract/orders.ts';

/** Strings of the phone's order page and the sandbox page (zh-CN is the source). */
const zhCN = {
  title: '订单支付', order: '订单', items: '商品', qty: '数量', subtotal: '原价合计', discount: '优惠', total: '应付',
  fulfilment: '取货方式', pickup: '到店自提', delivery: '送货上门', name: '收货人', address: '收货地址', phone: '联系电话',
  phoneHint: '11 位手机号，或 + 国家区号和号码', pay: '去支付', expiresAt: '剩余支付时间：', minutes: '分钟', notFound: '找不到这个订单',
  notFoundText: '链接可能不完整。请重新扫描货架屏幕上的二维码。', payFailed: '支付没有完成，可以再试一次。', processing: '正在确认支付结果…',
  thanks: '谢谢！可凭此页面在店内取货。', deliveryThanks: '谢谢！我们会尽快送货。', badOrigin: '请从订单页面提交。', nameNeeded: '请填写收货人',
  addressNeeded: '请填写完整地址（至少 4 个字）', phoneNeeded: '请填写正确的手机号',
  paidAtCounter: '已在柜台付款', counterThanks: '店员已在柜台收款，无需在手机上再付。谢谢！',
  sandboxTitle: '沙箱支付（测试）', sandboxNote: '这是测试用的支付页面，不会产生真实扣款。', sandboxPay: '支付', sandboxFail: '支付失败', sandboxExpire: '放弃（让其过期）', sandboxDone: '此笔支付已结束：',
} as const;
type Strings = Record<keyof typeof zhCN, string>;

const zhTW: Strings = {
  title: '訂單支付', order: '訂單', items: '商品', qty: '數量', subtotal: '原價合計', discount: '優惠', total: '應付',
  fulfilment: '取貨方式', pickup: '到店自取', delivery: '送貨上門', name: '收貨人', address: '收貨地址', phone: '聯絡電話',
  phoneHint: '11 位手機號碼，或 + 國碼和號碼', pay: '前往支付', expiresAt: '剩餘支付時間：', minutes: '分鐘', notFound: '找不到這筆訂單',
  notFoundText: '連結可能不完整。請重新掃描貨架螢幕上的 QR 碼。', payFailed: '支付沒有完成，可以再試一次。', processing: '正在確認支付結果…',
  thanks: '謝謝！可憑此頁面在店內取貨。', deliveryThanks: '謝謝！我們會盡快送貨。', badOrigin: '請從訂單頁面提交。', nameNeeded: '請填寫收貨人',
  addressNeeded: '請填寫完整地址（至少 4 個字）', phoneNeeded: '請填寫正確的手機號碼',
  paidAtCounter: '已在櫃檯付款', counterThanks: '店員已在櫃檯收款，無需在手機上再付。謝謝！',
  sandboxTitle: '沙盒支付（測試）', sandboxNote: '這是測試用的支付頁面，不會產生真實扣款。', sandboxPay: '支付', sandboxFail: '支付失敗', sandboxExpire: '放棄（讓其過期）', sandboxDone: '此筆支付已結束：',
};

const en: Strings = {
  title: 'Pay your order', order: 'Order', items: 'Items', qty: 'Qty', subtotal: 'List price', discount: 'Discount', total: 'To pay',
  fulfilment: 'How you get it', pickup: 'Pick up at the store', delivery: 'Deliver to me', name: 'Name', address: 'Address', phone: 'Contact phone',
  phoneHint: 'an 11-digit mobile number, or + country code and number', pay: 'Pay', expiresAt: 'Time left to pay: ', minutes: ' min', notFound: 'Order not found',
  notFoundText: 'The link may be incomplete. Scan the QR code on the shelf screen again.', payFailed: 'The payment did not go through; you can try again.', processing: 'Confirming your payment…',
  thanks: 'Thank you! Show this page at the store to pick up.', deliveryThanks: 'Thank you! We will deliver soon.', badOrigin: 'Please submit from the order page.', nameNeeded: 'Enter a name',
  addressNeeded: 'Enter the full address (at least 4 characters)', phoneNeeded: 'Enter a valid phone number',
  paidAtCounter: 'Paid at the counter', counterThanks: 'Staff took the payment at the counter: nothing to pay on the phone. Thank you!',
  sandboxTitle: 'Sandbox payment (test)', sandboxNote: 'A test payment page: no real money moves.', sandboxPay: 'Pay', sandboxFail: 'Fail the payment', sandboxExpire: 'Give up (let it expire)', sandboxDone: 'This payment is over: ',
};

const STRINGS: Record<Locale, Strings> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

const STATES: Record<Locale, Record<OrderState, string>> = {
  'zh-CN': { created: '待支付', 'awaiting-payment': '待支付', paid: '已支付', expired: '已过期', cancelled: '已取消', fulfilled: '已完成', 'partially-refunded': '部分退款', refunded: '已退款' },
  'zh-TW': { created: '待支付', 'awaiting-payment': '待支付', paid: '已支付', expired: '已過期', cancelled: '已取消', fulfilled: '已完成', 'partially-refunded': '部分退款', refunded: '已退款' },
  en: { created: 'Waiting for payment', 'awaiting-payment': 'Waiting for payment', paid: 'Paid', expired: 'Expired', cancelled: 'Cancelled', fulfilled: 'Completed', 'partially-refunded': 'Partly refunded', refunded: 'Refunded' },
};

export const t = (locale: Locale) => STRINGS[locale];
export const stateText = (locale: Locale, s: OrderState) => STATES[locale][s];

/** `?lang=` first, then the browser's Accept-Language, then the order's own locale. */
export function pickLocale(query: unknown, acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (query === 'zh-CN' || query === 'zh-TW' || query === 'en') return query;
  for (const part of (acceptLanguage ?? '').split(',').slice(0, 10)) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}
