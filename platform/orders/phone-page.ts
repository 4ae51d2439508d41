import type { Locale } from '../../contract/locale.ts';
import type { Fulfilment } from '../../contract/orders.ts';
import { esc, phoneDocument, yuan } from './html.ts';
import { isCounterPayment } from './kiosk-order-effects.ts';
import type { OrderRecord, PaymentRecord } from './order-store.ts';
import { stateText, t } from './phone-i18n.ts';

/** What the shopper typed, shown again with the errors when a form is refused. */
export interface PhoneForm {
  kind: 'pickup' | 'delivery';
  name: string;
  address: string;
  phone: string;
}

export interface PhoneView {
  order: OrderRecord;
  key: string;
  locale: Locale;
  nameOf: (productId: string) => string;
  latestPayment: PaymentRecord | null;
  /** The phone just came back from the provider's page. */
  returned: boolean;
  now: number;
  form?: PhoneForm;
  errors?: string[];
}

const LOCALES: Array<[Locale, string]> = [['zh-CN', '简体'], ['zh-TW', '繁體'], ['en', 'EN']];

function langSwitch(v: PhoneView): string {
  const links = LOCALES.map(([l, label]) => (l === v.locale ? `<b>${label}</b>` : `<a href="?k=${esc(v.key)}&amp;lang=${l}" hreflang="${l}">${label}</a>`));
  return `<nav class="langs">${links.join('')}</nav>`;
}

function itemsCard(v: PhoneView): string {
  const s = t(v.locale);
  const o = v.order;
  const rows = o.lines.map((l) => `<tr data-product="${esc(l.productId)}"><td>${esc(v.nameOf(l.productId))} × ${l.quantity}<br><span class="muted">¥${yuan(l.unitPriceFen)}</span></td><td class="n">¥${yuan(l.lineTotalFen)}</td></tr>`);
  const discount = o.discountFen > 0 ? `<tr><td>${s.subtotal}</td><td class="n">¥${yuan(o.subtotalFen)}</td></tr><tr><td>${s.discount}</td><td class="n">−¥${yuan(o.discountFen)}</td></tr>` : '';
  return `<section class="card"><h2>${s.items}</h2><table>${rows.join('')}${discount}<tr class="total"><td>${s.total}</td><td class="n" data-total="${o.totalFen}">¥${yuan(o.totalFen)}</td></tr></table></section>`;
}

function formCard(v: PhoneView): string {
  const s = t(v.locale);
  const f = v.form ?? { kind: v.order.fulfilment?.kind ?? 'pickup', name: v.order.fulfilment?.kind === 'delivery' ? v.order.fulfilment.name : '', address: v.order.fulfilment?.kind === 'delivery' ? v.order.fulfilment.address : '', phone: v.order.contactPhone ?? '' };
  const radio = (kind: PhoneForm['kind'], label: string) => `<label><input type="radio" name="fulfilment" value="${kind}"${f.kind === kind ? ' checked' : ''}> ${label}</label>`;
  const errors = (v.errors ?? []).map((e) => `<p class="err" role="alert">${esc(e)}</p>`).join('');
  return `<form class="card" method="post" action="/m/o/${esc(v.order.orderId)}/pay">${errors}
<input type="hidden" name="k" value="${esc(v.key)}"><input type="hidden" name="lang" value="${v.locale}">
<h2>${s.fulfilment}</h2><div class="choice">${radio('pickup', s.pickup)}${radio('delivery', s.delivery)}</div>
<label for="name">${s.name}</label><input id="name" type="text" name="name" maxlength="40" autocomplete="name" value="${esc(f.name)}">
<label for="address">${s.address}</label><textarea id="address" name="address" rows="2" maxlength="200" autocomplete="street-address">${esc(f.address)}</textarea>
<label for="phone">${s.phone}</label><input id="phone" type="tel" name="phone" maxlength="16" autocomplete="tel" required value="${esc(f.phone)}" aria-describedby="phone-hint">
<p id="phone-hint" class="muted">${s.phoneHint}</p>
<button type="submit" data-testid="pay">${s.pay} ¥${yuan(v.order.totalFen)}</button></form>`;
}

function fulfilmentText(locale: Locale, f: Fulfilment | null): string {
  const s = t(locale);
  if (!f) return '';
  return f.kind === 'pickup' ? s.pickup : `${s.delivery}: ${esc(f.name)}, ${esc(f.address)}`;
}

function stateCard(v: PhoneView): { html: string; refresh?: number; payable: boolean } {
  const s = t(v.locale);
  const o = v.order;
  const label = stateText(v.locale, o.state);
  const done = `<p class="muted">${fulfilmentText(v.locale, o.fulfilment)}</p>`;
  // Staff took the money at the kiosk's counter: say so, never "cancelled" (the platform's own
  // payable order was closed for it) and never a Pay button.
  if (o.state === 'paid' && isCounterPayment(o.paymentId)) {
    return { html: `<div class="state paid" data-state="paid-at-counter">${s.paidAtCounter}</div><p>${s.counterThanks}</p>`, payable: false };
  }
  switch (o.state) {
    case 'paid':
    case 'fulfilled':
    case 'partially-refunded':
      return { html: `<div class="state paid" data-state="${o.state}">${label}</div><p>${o.fulfilment?.kind === 'delivery' ? s.deliveryThanks : s.thanks}</p>${done}`, payable: false };
    case 'refunded':
    case 'expired':
    case 'cancelled':
      return { html: `<div class="state bad" data-state="${o.state}">${label}</div>`, payable: false };
    case 'created':
    case 'awaiting-payment': {
      const p = v.latestPayment;
      if (p?.state === 'pending' && v.returned) return { html: `<div class="state wait" data-state="processing">${s.processing}</div>`, refresh: 2, payable: false };
      const failed = p && (p.state === 'failed' || p.state === 'expired') ? `<div class="state bad" data-state="payment-${p.state}">${s.payFailed}</div>` : '';
      const minutes = Math.max(1, Math.ceil((o.expiresAt - v.now) / 60_000));
      return { html: `${failed}<p class="muted" data-state="${o.state}">${s.expiresAt}${minutes}${s.minutes}</p>`, payable: true };
    }
    default: {
      const never: never = o.state;
      return never;
    }
  }
}

/** The phone's order page: items, totals, discount, fulfilment, contact, Pay — or the outcome. */
export function renderOrderPage(v: PhoneView): string {
  const s = t(v.locale);
  const state = stateCard(v);
  const body = `${langSwitch(v)}<h1>${s.title}</h1><p class="muted">${s.order} ${esc(v.order.orderId.slice(0, 8))}</p>${state.html}${itemsCard(v)}${state.payable ? formCard(v) : ''}`;
  return phoneDocument(v.locale, s.title, body, state.refresh);
}

export function renderNotFound(locale: Locale): string {
  const s = t(locale);
  return phoneDocument(locale, s.notFound, `<h1>${s.notFound}</h1><p>${s.notFoundText}</p>`);
}
