import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendError } from '../auth.ts';
import { esc, isSameOriginPost, phoneDocument, sendPhonePage, yuan } from '../orders/html.ts';
import { pickLocale, t } from '../orders/phone-i18n.ts';
import type { OrderServiceDeps } from '../orders/order-service.ts';
import { applyNotice } from './payment-service.ts';
import { CALLBACK_STATUSES, type CallbackStatus } from './provider.ts';
import { SANDBOX_CALLBACK_PATH, type SandboxProvider } from './sandbox-provider.ts';

type PayRequest = FastifyRequest<{ Params: { id: string; action?: string }; Querystring: Record<string, string | undefined> }>;

const ACTIONS: Record<string, CallbackStatus> = { pay: 'paid', fail: 'failed', expire: 'expired' };
const HookSchema = z.object({ status: z.enum(CALLBACK_STATUSES), copies: z.number().int().min(1).max(20).default(1) });

function sandboxPage(sandbox: SandboxProvider, id: string, req: PayRequest): { status: number; html: string } {
  const locale = pickLocale(req.query.lang, req.headers['accept-language'], 'zh-CN');
  const s = t(locale);
  const p = /^sbx_[A-Za-z0-9_-]{16,64}$/.test(id) ? sandbox.store.getPayment(id) : null;
  if (!p) return { status: 404, html: phoneDocument(locale, s.sandboxTitle, `<h1>${s.notFound}</h1>`) };
  const button = (action: string, label: string, cls: string) =>
    `<form method="post" action="/sandbox/pay/${esc(id)}/${action}"><button class="${cls}" data-testid="sandbox-${action}">${label}</button></form>`;
  const actions = p.state === 'pending'
    ? `${button('pay', `${s.sandboxPay} ¥${yuan(p.amountFen)}`, 'ok')}${button('fail', s.sandboxFail, 'alt')}${button('expire', s.sandboxExpire, 'alt')}`
    : `<div class="state wait" data-state="${esc(p.state)}">${s.sandboxDone}${esc(p.state)}</div>`;
  return { status: 200, html: phoneDocument(locale, s.sandboxTitle, `<h1>${s.sandboxTitle}</h1><p class="muted">${s.sandboxNote}</p><section class="card"><p data-amount="${p.amountFen}">¥${yuan(p.amountFen)}</p>${actions}</section>`) };
}

/**
 * The sandbox provider's pages (what WeChat Pay's or Alipay's cashier would be) and the
 * platform's callback endpoint for it. Test hooks (queue extra, duplicated or out-of-order
 * notifications) exist only when `testHooks` is on (PLATFORM_SANDBOX_TEST_HOOKS=1).
 */
export function registerSandboxRoutes(app: FastifyInstance, orders: OrderServiceDeps, sandbox: SandboxProvider, testHooks: boolean): void {
  app.get('/sandbox/pay/:id', (req: PayRequest, reply) => {
    const page = sandboxPage(sandbox, req.params.id, req);
    return sendPhonePage(reply, page.status, page.html);
  });

  app.post('/sandbox/pay/:id/:action', { bodyLimit: 1024 }, (req: PayRequest, reply) => {
    const status = ACTIONS[req.params.action ?? ''];
    if (!status || !isSameOriginPost(req, orders.publicUrl())) return sendError(reply, status ? 403 : 404, status ? 'cross-site' : 'not-found', status ? 'post from the sandbox page' : 'no such action');
    const p = /^sbx_[A-Za-z0-9_-]{16,64}$/.test(req.params.id) ? sandbox.store.getPayment(req.params.id) : null;
    if (!p) return sendError(reply, 404, 'not-found', 'no such sandbox payment');
    sandbox.settle(p.id, status);
    return reply.redirect(p.returnUrl, 303);
  });

  if (testHooks) {
    app.post('/sandbox/hooks/:id/notify', { bodyLimit: 1024 }, (req: PayRequest, reply) => {
      const body = HookSchema.safeParse(req.body);
      const notice = body.success ? sandbox.noticeBody(req.params.id, body.data.status) : null;
      if (!body.success || notice === null) return sendError(reply, 400, 'bad-request', 'unknown payment or body {status, copies?}');
      for (let i = 0; i < body.data.copies; i++) sandbox.store.enqueue(req.params.id, notice, orders.now());
      sandbox.kick();
      return { queued: body.data.copies };
    });
    app.get('/sandbox/hooks/undelivered', () => ({ undelivered: sandbox.store.undelivered() }));
  }

  // The callback needs the exact bytes that were signed, so JSON is read as text here only.
  void app.register((scope, _o, done) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, next) => next(null, body));
    scope.post(SANDBOX_CALLBACK_PATH, { bodyLimit: 16 * 1024 }, async (req, reply) => {
      const raw = typeof req.body === 'string' ? req.body : '';
      const notice = sandbox.verifyCallback(req.headers, raw);
      if (!notice.ok) {
        req.log.warn({ code: notice.error.code }, `payment callback refused: ${notice.error.message}`);
        return sendError(reply, notice.error.code === 'bad-body' ? 400 : 401, notice.error.code, notice.error.message);
      }
      const applied = await applyNotice(orders, notice.value, raw);
      if (!applied.ok) return sendError(reply, applied.error.status, applied.error.code, applied.error.message);
      req.log.info({ providerPaymentId: notice.value.providerPaymentId, status: notice.value.status, outcome: applied.value }, 'payment callback applied');
      return { ok: true, outcome: applied.value };
    });
    done();
  });
}
