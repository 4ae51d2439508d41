import type { Result } from '../../contract/orders.ts';

/**
 * A payment provider behind one small interface (docs/payments.md). The sandbox provider
 * implements it here; WeChat Pay, Alipay and UnionPay would be adapters with the same shape.
 * Amounts are integer fen on both sides of the interface.
 */

export interface CreatePaymentRequest {
  /** Our payment id (the provider's "merchant trade number"). */
  paymentId: string;
  orderId: string;
  amountFen: number;
  description: string;
  /** Where the provider sends the phone back after paying, failing or giving up. */
  returnUrl: string;
}

export interface CreatedPayment {
  providerPaymentId: string;
  /** The provider's page the phone is redirected to. */
  payUrl: string;
}

export const CALLBACK_STATUSES = ['paid', 'failed', 'expired'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** A callback whose signature verified, parsed into our terms. */
export interface PaymentNotice {
  providerPaymentId: string;
  /** Our payment id and order id, echoed by the provider. */
  paymentId: string;
  orderId: string;
  status: CallbackStatus;
  amountFen: number;
}

export interface CallbackError {
  code: 'bad-signature' | 'bad-body' | 'stale-signature';
  message: string;
}

export interface RefundRequestToProvider {
  /** Idempotency key: the same refund id twice is one refund at the provider. */
  refundId: string;
  providerPaymentId: string;
  amountFen: number;
  reason: string;
}

export interface PaymentProvider {
  readonly name: string;
  createPayment(r: CreatePaymentRequest): Promise<CreatedPayment>;
  /** Checks the signature over the exact received bytes, then parses. Never trusts an unsigned body. */
  verifyCallback(headers: Record<string, string | string[] | undefined>, rawBody: string): Result<PaymentNotice, CallbackError>;
  refund(r: RefundRequestToProvider): Promise<Result<{ providerRefundId: string }, { code: string; message: string }>>;
  /** Starts background work (the sandbox's callback deliveries); `baseUrl` is where the platform listens. */
  start(baseUrl: string): void;
  stop(): Promise<void>;
}
