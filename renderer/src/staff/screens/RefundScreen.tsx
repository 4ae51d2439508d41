import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../../styles/sales.css';
import type { ContentManifest } from '../../../../contract/content.ts';
import { ledgerDay, type RefundRequest } from '../../../../contract/orders.ts';
import type { SaleReceipt } from '../../../../contract/sales.ts';
import { formatPrice } from '../../state/format.ts';
import { parseYuan, yuanText } from '../sales/counter-cart.ts';
import { ReceiptView } from '../sales/ReceiptView.tsx';
import { RecentSales } from '../sales/RecentSales.tsx';
import { saleErrorText } from '../sales/sale-errors.ts';
import { salesApi } from '../sales/sales-api.ts';
import { SupervisorPrompt } from '../sales/SupervisorPrompt.tsx';
import { useMessage, usePolled, useProductName } from './shared.tsx';

const loadRecent = () => salesApi.recent(7);
const today = (): string => ledgerDay(Date.now(), 0 - new Date().getTimezoneOffset());

/** Refund (partial allowed) or void (full, same day) of a counter sale, by a supervisor with a reason. */
export function RefundScreen({ content }: { content: ContentManifest | null }) {
  const { t, i18n } = useTranslation();
  const name = useProductName(content);
  const msg = useMessage();
  const { data, reload } = usePolled(loadRecent, 5000);
  const [selected, setSelected] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState<RefundRequest | null>(null);
  const [refunded, setRefunded] = useState<number | null>(null);
  const refundId = useRef(crypto.randomUUID());
  const sale = data?.sales.find((s) => s.saleId === selected) ?? null;

  const pick = (s: SaleReceipt): void => {
    setSelected(s.saleId);
    setAmount(yuanText(s.totalFen - s.refundedFen));
    setRefunded(null);
    msg.clear();
  };
  const send = async (req: RefundRequest): Promise<void> => {
    if (!sale) return;
    const r = await salesApi.refund(sale.saleId, req);
    if (r.ok) {
      setPending(null);
      refundId.current = crypto.randomUUID();
      setRefunded(req.amountFen);
      msg.clear();
      setAmount(yuanText(r.value.totalFen - r.value.refundedFen));
      return reload();
    }
    setRefunded(null);
    if (r.status === 403) return setPending(req); // same refund id after the supervisor signs in
    if (r.status !== 0 && r.status < 500) refundId.current = crypto.randomUUID();
    msg.error(saleErrorText(t, (k) => i18n.exists(k), r));
  };
  const submit = (isVoid: boolean): void => {
    if (!sale) return;
    const fen = isVoid ? sale.totalFen : parseYuan(amount);
    if (fen === null || fen <= 0) return msg.error(t('sale.errors.bad-amount'));
    void send({ refundId: refundId.current, amountFen: fen, reason: reason.trim(), void: isVoid });
  };

  return (
    <div className="staff-screen staff-split" data-testid="screen-refunds">
      <RecentSales sales={data?.sales ?? null} selected={selected} onPick={pick} />
      {sale ? (
        <section data-testid="refund-form">
          {pending ? <SupervisorPrompt onSignedIn={() => void send(pending)} onCancel={() => setPending(null)} /> : null}
          <div className="staff-card">
            <p className="big" data-testid="refund-left">{t('sale.refund.left', { amount: formatPrice(sale.totalFen - sale.refundedFen) })}</p>
            <label className="staff-field">
              {t('sale.refund.amount')}
              <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="refund-amount" />
            </label>
            <label className="staff-field">
              {t('sale.refund.reason')}
              <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="refund-reason" />
            </label>
            <div className="row-actions">
              <button type="button" className="staff-btn staff-btn--primary" onClick={() => submit(false)} data-testid="refund-submit">{t('sale.refund.refund')}</button>
              {sale.day === today() && sale.refundedFen === 0 ? (
                <button type="button" className="staff-btn" onClick={() => submit(true)} data-testid="void-submit">{t('sale.refund.void')}</button>
              ) : null}
            </div>
            {refunded !== null ? <p className="staff-msg staff-msg--ok" role="status" data-testid="msg-ok">{t('sale.refund.done', { amount: formatPrice(refunded) })}</p> : null}
            {msg.node}
          </div>
          <ReceiptView sale={sale} name={name} />
        </section>
      ) : null}
    </div>
  );
}
