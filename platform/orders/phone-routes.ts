import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../contract/locale.ts';
import { ContactPhoneSchema, FulfilmentSchema, type Fulfilment } from '../../contract/orders.ts';
import { UuidSchema } from '../../contract/events.ts';
import { markScanned, startPayment } from '../payments/payment-service.ts';
import { isSameOriginPost, sendPhonePage } from './html.ts';
import { OrderKeys } from './order-keys.ts';
import type { OrderServiceDeps } from './order-service.ts';
import type { OrderRecord } from './order-store.ts';
import { pickLocale, t } from './phone-i18n.ts';
import { renderNotFound, renderOrderPage, type PhoneForm } from './phone-page.ts';

type PhoneRequest = FastifyRequest<{ Params: { orderId: string }; Querystring: Record<string, string | undefined> }>;

export interface PhoneDeps {
  orders: OrderServiceDeps;
  names: (locale: Locale) => Promise<(productId: string) => string>;
}

/**
 * The order and the key, or null. An unknown order, a wrong key and a missing key look the
 * same from outside (404, same page), so the page reveals nothing about which orders exist.
 */
async function keyedOrder(deps: PhoneDeps, orderId: string, key: unknown): Promise<OrderRecord | null> {
  if (!UuidSchema.safeParse(orderId).success || typeof key !== 'string') return null;
  const o = await deps.orders.store.getOrder(orderId);
  return o && OrderKeys.matches(key, o.payKeyHash) ? o : null;
}

function notFound(req: FastifyRequest, reply: FastifyReply, locale: Locale): FastifyReply {
  req.log.info({ url: req.url.replace(/k=[^&]*/, 'k=…') }, 'phone page: unknown order or wrong key');
  return sendPhonePage(reply, 404, renderNotFound(locale));
}

async function render(deps: PhoneDeps, reply: FastifyReply, status: number, o: OrderRecord, key: string, locale: Locale, extra: { returned?: boolean; form?: PhoneForm; errors?: string[] } = {}) {
  const payments = await deps.orders.store.paymentsOf(o.orderId);
  const view = { order: o, key, locale, nameOf: await deps.names(locale), latestPayment: payments[payments.length - 1] ?? null, returned: extra.returned ?? false, now: deps.orders.now(), ...extra };
  return sendPhonePage(reply, status, renderOrderPage(view));
}

/** Reads the posted form into a fulfilment and phone, or the messages that refuse it. */
function readForm(body: Record<string, unknown>, locale: Locale): { form: PhoneForm; ok: { fulfilment: Fulfilment; phone: string } | null; errors: string[] } {
  const s = t(locale);
  const text = (k: string) => (typeof body[k] === 'string' ? body[k] : '').slice(0, 400);
  const form: PhoneForm = { kind: text('fulfilment') === 'delivery' ? 'delivery' : 'pickup', name: text('name'), address: text('address'), phone: text('phone') };
  const errors: string[] = [];
  const fulfilment = FulfilmentSchema.safeParse(form.kind === 'pickup' ? { kind: 'pickup' } : { kind: 'delivery', name: form.name, address: form.address });
  if (!fulfilment.success) {
    const paths = new Set(fulfilment.error.issues.map((i) => i.path[0]));
    if (paths.has('name')) errors.push(s.nameNeeded);
    if (paths.has('address')) errors.push(s.addressNeeded);
  }
  const phone = ContactPhoneSchema.safeParse(form.phone);
  if (!phone.success) errors.push(s.phoneNeeded);
  return { form, errors, ok: fulfilment.success && phone.success ? { fulfilment: fulfilment.data, phone: phone.data } : null };
}

export function registerPhoneRoutes(app: FastifyInstance, deps: PhoneDeps): void {
  app.get('/m/o/:orderId', async (req: PhoneRequest, reply) => {
    const q = req.query;
    const guess = pickLocale(q.lang, req.headers['accept-language'], 'zh-CN');
    const o = await keyedOrder(deps, req.params.orderId, q.k);
    if (!o) return notFound(req, reply, guess);
    if (!o.scanned) await markScanned(deps.orders, o.orderId);
    const fresh = (await deps.orders.store.getOrder(o.orderId)) ?? o;
    return render(deps, reply, 200, fresh, String(q.k), pickLocale(q.lang, req.headers['accept-language'], o.locale), { returned: q.r === '1' });
  });

  app.post('/m/o/:orderId/pay', { bodyLimit: 8192 }, async (req: PhoneRequest, reply) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const locale = pickLocale(body.lang, req.headers['accept-language'], 'zh-CN');
    if (!isSameOriginPost(req, deps.orders.publicUrl())) {
      req.log.warn({ origin: req.headers.origin }, 'phone page: cross-site form post refused');
      return sendPhonePage(reply, 403, renderNotFound(locale).replace(t(locale).notFoundText, t(locale).badOrigin));
    }
    const o = await keyedOrder(deps, req.params.orderId, body.k);
    if (!o) return notFound(req, reply, locale);
    const key = String(body.k);
    const read = readForm(body, locale);
    if (!read.ok) {
      req.log.info({ orderId: o.orderId, errors: read.errors.length }, 'phone page: form refused');
      return render(deps, reply, 400, o, key, locale, { form: read.form, errors: read.errors });
    }
    const returnUrl = `${deps.orders.publicUrl()}/m/o/${o.orderId}?k=${key}&lang=${locale}&r=1`;
    const started = await startPayment(deps.orders, o, read.ok.fulfilment, read.ok.phone, returnUrl);
    if (!started.ok) {
      req.log.info({ orderId: o.orderId, code: started.error.code }, `phone page: payment not started: ${started.error.message}`);
      return render(deps, reply, 409, (await deps.orders.store.getOrder(o.orderId)) ?? o, key, locale);
    }
    return reply.redirect(started.value, 303);
  });
}
