import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Result } from '../../contract/orders.ts';
import { checkSandboxSignature, SANDBOX_SIGNATURE_HEADER, signSandbox } from './sandbox-signing.ts';
import type { SandboxStore } from './sandbox-store.ts';
import { CALLBACK_STATUSES, type CallbackError, type CallbackStatus, type CreatePaymentRequest, type PaymentNotice, type PaymentProvider } from './provider.ts';

/** Where the sandbox posts its callbacks on the platform. */
export const SANDBOX_CALLBACK_PATH = '/v1/payments/sandbox/callback';

const NoticeSchema = z.object({
  notifyId: z.string().max(64),
  providerPaymentId: z.string().regex(/^sbx_[A-Za-z0-9_-]{16,64}$/),
  paymentId: z.string().max(64),
  orderId: z.string().max(64),
  status: z.enum(CALLBACK_STATUSES),
  amountFen: z.number().int().nonnegative(),
});

export interface SandboxOptions {
  store: SandboxStore;
  /** The HMAC secret shared by the sandbox and the platform (a file in the data dir, never in a page). */
  secret: string;
  now: () => number;
  /** Queue each outcome's notification this many times (a provider that repeats itself). */
  duplicates?: number;
  log?: FastifyBaseLogger;
}

/** Delay before the n-th retry: 250 ms doubling, at most 10 s. */
export const retryDelayMs = (attempts: number) => Math.min(10_000, 250 * 2 ** Math.min(attempts, 6));

/**
 * The sandbox payment provider: its own pay page (sandbox-routes.ts) with Pay / Fail / Let it
 * expire, asynchronous HMAC-signed callbacks from an outbox, retried until the platform
 * answers 2xx, in id order (tests queue duplicates and out-of-order ones through hooks).
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox';
  private baseUrl: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly opts: SandboxOptions) {}

  get store(): SandboxStore {
    return this.opts.store;
  }

  createPayment(r: CreatePaymentRequest): Promise<{ providerPaymentId: string; payUrl: string }> {
    const id = `sbx_${randomBytes(16).toString('base64url')}`;
    this.opts.store.insertPayment({ id, paymentId: r.paymentId, orderId: r.orderId, amountFen: r.amountFen, returnUrl: r.returnUrl }, this.opts.now());
    return Promise.resolve({ providerPaymentId: id, payUrl: `/sandbox/pay/${id}` });
  }

  /** The body of one notification about a payment. */
  noticeBody(id: string, status: CallbackStatus): string | null {
    const p = this.opts.store.getPayment(id);
    if (!p) return null;
    return JSON.stringify({ notifyId: randomBytes(8).toString('hex'), providerPaymentId: id, paymentId: p.paymentId, orderId: p.orderId, status, amountFen: p.amountFen });
  }

  /** The shopper pressed a button on the sandbox page; false when the payment was settled already. */
  settle(id: string, status: CallbackStatus): boolean {
    const body = this.noticeBody(id, status);
    if (body === null) return false;
    const bodies = Array.from({ length: Math.max(1, this.opts.duplicates ?? 1) }, () => body);
    const done = this.opts.store.settle(id, status, bodies, this.opts.now());
    if (done) this.kick();
    return done;
  }

  verifyCallback(headers: Record<string, string | string[] | undefined>, rawBody: string): Result<PaymentNotice, CallbackError> {
    const header = headers[SANDBOX_SIGNATURE_HEADER];
    const check = checkSandboxSignature(this.opts.secret, typeof header === 'string' ? header : undefined, rawBody, this.opts.now());
    if (check === 'bad') return { ok: false, error: { code: 'bad-signature', message: 'callback signature does not verify' } };
    if (check === 'stale') return { ok: false, error: { code: 'stale-signature', message: 'callback signature is too old or from the future' } };
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return { ok: false, error: { code: 'bad-body', message: 'callback body is not JSON' } };
    }
    const n = NoticeSchema.safeParse(json);
    if (!n.success) return { ok: false, error: { code: 'bad-body', message: `callback body: ${n.error.issues[0]?.message ?? 'invalid'}` } };
    const { providerPaymentId, paymentId, orderId, status, amountFen } = n.data;
    return { ok: true, value: { providerPaymentId, paymentId, orderId, status, amountFen } };
  }

  refund(r: { refundId: string; providerPaymentId: string; amountFen: number }) {
    const out = this.opts.store.refund(r.refundId, r.providerPaymentId, r.amountFen, this.opts.now());
    return Promise.resolve(out.ok ? { ok: true as const, value: { providerRefundId: `sbr_${r.refundId}` } } : { ok: false as const, error: { code: 'provider-refused', message: out.message } });
  }

  start(baseUrl: string): void {
    this.baseUrl = baseUrl;
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs a delivery round now (after new notifications) unless one is running. */
  kick(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.deliverDue()
      .catch((err: unknown) => this.opts.log?.error({ err }, 'sandbox callback round failed'))
      .finally(() => {
        this.running = null;
        if (!this.stopped) this.timer = setTimeout(() => this.kick(), 200);
      });
  }

  private async deliverDue(): Promise<void> {
    for (const n of this.opts.store.due(this.opts.now(), 50)) {
      if (this.stopped || this.baseUrl === null) return;
      const ok = await this.post(n.body);
      if (ok) this.opts.store.markDelivered(n.id, this.opts.now());
      else this.opts.store.markRetry(n.id, this.opts.now() + retryDelayMs(n.attempts));
    }
  }

  private async post(body: string): Promise<boolean> {
    try {
      const res = await fetch(`${this.baseUrl ?? ''}${SANDBOX_CALLBACK_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandbox(this.opts.secret, body, this.opts.now()) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false;
    }
  }
}
