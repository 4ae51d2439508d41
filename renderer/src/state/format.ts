/** Formats an integer amount of fen as yuan, e.g. 1280 → "¥12.80". Integer maths only: no float rounding. */
export function formatPrice(fen: number): string {
  if (!Number.isFinite(fen)) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}¥${yuan}.${String(cents).padStart(2, '0')}`;
}

/** Formats a whole number with thousands grouping, independent of the host's locale data. */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
