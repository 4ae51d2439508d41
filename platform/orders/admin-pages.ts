import { page } from '../routes/admin-page.ts';
import { esc, yuan } from './html.ts';
import { counterMethodOf } from './kiosk-order-effects.ts';
import type { CallbackRecord, OrderChange, OrderRecord, PaymentRecord, RefundRecord } from './order-store.ts';
import type { DayReconciliation, PaymentAlarm } from './reconciliation.ts';

export interface OrderDetail {
  order: Omit<OrderRecord, 'payKeyHash'>;
  /** `at the counter (cash)`, `on the phone`, or '' while unpaid (paidByText). */
  paidBy: string;
  payments: PaymentRecord[];
  refunds: RefundRecord[];
  callbacks: CallbackRecord[];
  changes: OrderChange[];
}

export interface Reconciliation {
  days: DayReconciliation[];
  payments: PaymentAlarm[];
  alarms: number;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** How an order was paid: at the kiosk's counter (and how), on the phone through the platform, or not yet. */
export function paidByText(o: Pick<OrderRecord, 'paymentId' | 'paidFen'>): string {
  const method = counterMethodOf(o.paymentId);
  if (method !== null) return `at the counter (${method})`;
  return o.paidFen > 0 ? 'on the phone' : '';
}

const priceCheckCell = (o: Pick<OrderRecord, 'priceCheck'>) => `<span data-price-check="${esc(o.priceCheck)}">${o.priceCheck === 'verified' ? 'verified' : '<b>unverified prices</b>'}</span>`;

function table(head: string[], rows: string[][], id: string): string {
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') || `<tr><td colspan="${head.length}">none</td></tr>`;
  return `<table id="${id}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

const nav = '<p><a href="/">Overview</a> · <a href="/fleet">Fleet</a> · <a href="/admin/orders">Orders</a> · <a href="/admin/reconciliation">Reconciliation</a></p>';

function filterForm(action: string, q: Record<string, string | undefined>, withState: boolean): string {
  const input = (name: string, label: string, size = 12) => `<label>${label} <input name="${name}" size="${size}" value="${esc(q[name] ?? '')}"></label> `;
  return `<form method="get" action="${action}">${input('kiosk', 'Kiosk', 36)}${withState ? input('state', 'State') : ''}${input('from', 'From (YYYY-MM-DD)')}${input('to', 'To')}<button>Filter</button></form>`;
}

export function renderOrdersList(orders: OrderRecord[], q: Record<string, string | undefined>): string {
  const qs = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && ['kiosk', 'from', 'to'].includes(e[0]))).toString();
  const rows = orders.map((o) => [
    `<a href="/admin/orders/${esc(o.orderId)}">${esc(o.orderId.slice(0, 8))}</a>`, esc(o.localDay), esc(iso(o.createdAt)), esc(o.kioskId), `<span data-state="${esc(o.state)}">${esc(o.state)}</span>`,
    esc(yuan(o.totalFen)), esc(yuan(o.paidFen)), `<span data-paid-by>${esc(paidByText(o))}</span>`, esc(yuan(o.refundedFen)), priceCheckCell(o), esc(o.fulfilment?.kind ?? ''), o.scanned ? 'yes' : '',
  ]);
  return page('Orders', `${nav}<h1>Orders</h1>${filterForm('/admin/orders', q, true)}<p>Days are each kiosk's local day (the day its events carry). Sales export for these filters:
<a href="/v1/admin/sales.csv?${esc(qs)}">CSV</a> · <a href="/v1/admin/sales.xlsx?${esc(qs)}">XLSX</a></p>
${table(['order', 'local day', 'received (UTC)', 'kiosk', 'state', 'total ¥', 'paid ¥', 'paid', 'refunded ¥', 'prices', 'fulfilment', 'scanned'], rows, 'orders')}`);
}

export function renderOrderDetail(d: OrderDetail): string {
  const o = d.order;
  const info = [
    ['order id', o.orderId], ['kiosk', o.kioskId], ['state', o.state], ['total', `¥${yuan(o.totalFen)} (list ¥${yuan(o.subtotalFen)}, discount ¥${yuan(o.discountFen)})`],
    ['paid / refunded', `¥${yuan(o.paidFen)} / ¥${yuan(o.refundedFen)}`], ['payment', paidByText(o)], ['payment id', o.paymentId ?? ''], ['fulfilment', o.fulfilment ? JSON.stringify(o.fulfilment) : ''], ['contact phone', o.contactPhone ?? ''],
    ['created / expires / updated', `${iso(o.createdAt)} / ${iso(o.expiresAt)} / ${iso(o.updatedAt)}`], ['content version', String(o.contentVersion)],
    ['prices', o.priceCheck === 'verified' ? 'verified against the content version' : 'unverified: a content version this platform never published (arithmetic checked only)'],
    ['local day', o.localDay],
  ].map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  const lines = o.lines.map((l) => [esc(l.productId), String(l.quantity), esc(yuan(l.listPriceFen)), esc(yuan(l.unitPriceFen)), esc(l.campaignId ?? ''), esc(yuan(l.lineTotalFen))]);
  const pays = d.payments.map((p) => [esc(p.paymentId), esc(p.provider), esc(p.providerPaymentId), esc(yuan(p.amountFen)), esc(p.state), p.surplus ? '<b>surplus: refund</b>' : '', esc(iso(p.updatedAt))]);
  const refunds = d.refunds.map((r) => [esc(r.refundId), esc(yuan(r.amountFen)), esc(r.reason), esc(r.providerRefundId), esc(iso(r.at))]);
  const cbs = d.callbacks.map((c) => [esc(iso(c.at)), esc(c.providerPaymentId), esc(c.status), esc(c.outcome)]);
  const changes = d.changes.map((c) => [String(c.cursor), esc(iso(c.at)), esc(c.status.state), c.status.scanned ? 'scanned' : '', esc(yuan(c.status.paidFen)), esc(yuan(c.status.refundedFen))]);
  return page(`Order ${o.orderId.slice(0, 8)}`, `${nav}<h1>Order ${esc(o.orderId)}</h1><dl>${info}</dl>
<h2>Items</h2>${table(['product', 'qty', 'list ¥', 'unit ¥', 'campaign', 'line ¥'], lines, 'lines')}
<h2>Payments</h2>${table(['payment', 'provider', 'provider id', 'amount ¥', 'state', '', 'updated'], pays, 'payments')}
<h2>Refunds</h2>${table(['refund', 'amount ¥', 'reason', 'provider id', 'at'], refunds, 'refunds')}
<h2>Callbacks received</h2>${table(['at', 'provider id', 'status', 'outcome'], cbs, 'callbacks')}
<h2>State history</h2>${table(['cursor', 'at', 'state', '', 'paid ¥', 'refunded ¥'], changes, 'history')}`);
}

export function renderReconciliation(r: Reconciliation, q: Record<string, string | undefined>): string {
  const fen = (n: number | undefined) => (n === undefined ? '' : esc(yuan(n)));
  const days = r.days.map((d) => [
    esc(d.kioskId), esc(d.day), `<span data-status="${d.status}">${esc(d.status)}</span>`, `${d.ledger?.salesCount ?? ''} / ${d.events.salesCount}`,
    `${fen(d.ledger?.salesFen)} / ${fen(d.events.salesFen)}`, `${d.ledger?.ordersPaidCount ?? ''} / ${d.events.ordersPaidCount}`, `${fen(d.ledger?.ordersPaidFen)} / ${fen(d.events.ordersPaidFen)}`,
    `${fen(d.ledger?.saleRefundsFen)} / ${fen(d.events.saleRefundsFen)}`, `${fen(d.ledger?.orderRefundsFen)} / ${fen(d.events.orderRefundsFen)}`, String(d.missingBelow), esc(d.differences.join('; ')),
  ]);
  const pays = r.payments.map((p) => [`<span data-alarm="${p.kind}">${esc(p.kind)}</span>`, esc(p.kioskId), `<a href="/admin/orders/${esc(p.orderId)}">${esc(p.orderId.slice(0, 8))}</a>`, esc(p.paymentId ?? ''), esc(yuan(p.amountFen)), esc(p.detail)]);
  return page('Reconciliation', `${nav}<h1>Reconciliation</h1>${filterForm('/admin/reconciliation', q, false)}
<p data-alarms="${r.alarms}"><b>${r.alarms}</b> alarm(s).</p>
<h2>Kiosk ledgers against their events (kiosk / platform)</h2>${table(['kiosk', 'day', 'status', 'sales', 'sales ¥', 'paid orders', 'orders ¥', 'sale refunds ¥', 'order refunds ¥', 'missing seqs', 'differences'], days, 'days')}
<h2>Payments received against kiosk acknowledgements</h2>${table(['alarm', 'kiosk', 'order', 'payment', 'amount ¥', 'detail'], pays, 'payment-alarms')}`);
}
