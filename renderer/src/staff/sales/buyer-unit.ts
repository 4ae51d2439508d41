import { SaleBuyerSchema, type SaleBuyer } from '../../../../contract/orders.ts';

/** The counter screen's group-purchase field as typed: a unit name (blank: an ordinary sale) and its kind. */
export interface BuyerDraft {
  name: string;
  kind: SaleBuyer['kind'];
}

export const NO_BUYER: BuyerDraft = { name: '', kind: 'budget-unit' };

/** The sale request's buyer from the field: none when the name is blank, else the unit checked against the contract. */
export function buyerOfDraft(draft: BuyerDraft): { ok: true; value: SaleBuyer | undefined } | { ok: false } {
  if (draft.name.trim() === '') return { ok: true, value: undefined };
  const parsed = SaleBuyerSchema.safeParse(draft);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
}
