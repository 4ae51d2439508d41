import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import '../../styles/sales.css';
import { OrderViewSchema, type OrderView } from '../../../../contract/api.ts';
import type { ContentManifest } from '../../../../contract/content.ts';
import { call } from '../../api/http.ts';
import { formatPrice } from '../../state/format.ts';
import { parseYuan } from '../sales/counter-cart.ts';
import { PaymentPanel, type PaymentState } from '../sales/PaymentPanel.tsx';
import { useMessage, usePolled, useProductName } from './shared.tsx';

const OrderList = z.object({ orders: z.array(OrderViewSchema) });
const Paid = z.object({ changeFen: z.number().int(), order: OrderViewSchema });
const loadRecent = () => call(OrderList, 'GET', '/api/orders');
const isOpen = (o: OrderView) => o.state === 'created' || o.state === 'awaiting-payment';

/**
 * Shelf orders: what shoppers ordered on the screen and where each stands. A shopper who could
 * not pay on the phone (offline) shows the six-character code; staff find the order by it and
 * take the money here — cash with change, QR or card — recorded on the order itself.
 */
export function OrdersScreen({ content }: { content: ContentManifest | null }) {
  const { t, i18n } = useTranslation();
  const name = useProductName(content);
  const msg = useMessage();
  const { data, reload } = usePolled(loadRecent, 3000);
  const [code, setCode] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [pay, setPay] = useState<PaymentState>({ method: 'cash', tendered: '' });
  const [busy, setBusy] = useState(false);
  const wanted = code.trim().toUpperCase();
  const orders = (data?.orders ?? []).filter((o) => wanted === '' || o.counterCode.startsWith(wanted));
  const order = orders.find((o) => o.orderId === selected) ?? (wanted.length === 6 && orders.length === 1 ? orders[0] : undefined);

  const take = async (o: OrderView): Promise<void> => {
    setBusy(true);
    const r = await call(Paid, 'POST', `/api/orders/${o.orderId}/pay-at-counter`, { method: pay.method, tenderedFen: pay.method === 'cash' ? parseYuan(pay.tendered) : null });
    setBusy(false);
    if (!r.ok) return msg.fail(r);
    msg.ok(t('staff.orders.paid', { change: formatPrice(r.value.changeFen) }));
    setPay({ method: 'cash', tendered: '' });
    reload();
  };

  return (
    <div className="staff-screen staff-split" data-testid="screen-orders">
      <section className="staff-card">
        <label className="staff-field">
          {t('staff.orders.code')}
          <input value={code} maxLength={6} autoCapitalize="characters" onChange={(e) => setCode(e.target.value)} data-testid="order-code" />
        </label>
        {orders.length === 0 ? <p>{t('staff.orders.none')}</p> : null}
        <table className="staff-table">
          <tbody>
            {orders.map((o) => (
              <tr key={o.orderId} className={o.orderId === order?.orderId ? 'is-selected' : ''} onClick={() => setSelected(o.orderId)} data-testid="staff-order" data-order={o.orderId}>
                <td className="mono">{o.counterCode}</td>
                <td>{o.lines.map((l) => `${name(l.productId)} × ${l.quantity}`).join('、')}</td>
                <td className="num">{formatPrice(o.totalFen)}</td>
                <td>{t(`order.state.${o.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {order ? (
        <section data-testid="staff-order-detail">
          <h2 className="mono">
            {order.counterCode} · {t(`order.state.${order.state}`)}
          </h2>
          <p>{new Date(order.expiresAt).toLocaleString(i18n.language, { hour12: false })}</p>
          {isOpen(order) ? <PaymentPanel totalFen={order.totalFen} state={pay} onChange={setPay} onComplete={() => void take(order)} busy={busy} /> : <p>{t('staff.orders.closed')}</p>}
          {msg.node}
        </section>
      ) : null}
    </div>
  );
}
