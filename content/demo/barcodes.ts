/**
 * Demo barcodes: EAN-13 in the 200–299 prefix range, which GS1 reserves for in-store use,
 * so they can never collide with a real product's code. `2006930` + shelf position + check digit.
 */
export function demoBarcode(index: number): string {
  const body = `2006930${String(index + 1).padStart(5, '0')}`;
  const sum = [...body].reverse().reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return body + String((10 - (sum % 10)) % 10);
}
