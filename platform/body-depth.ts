/** Deepest nesting a request body may have; real bodies stay under 10 levels. */
export const MAX_BODY_DEPTH = 64;

/**
 * Whether a parsed JSON value nests deeper than `limit`. Iterative, so a hostile body of
 * 100,000 nested arrays cannot overflow the stack here — and is refused before the schemas
 * and canonicalJson, which recurse (found by the platform fuzzer: a 5,000-deep field in an
 * event answered 500 "Maximum call stack size exceeded").
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    // A raw upload (a Buffer) has no nesting: Object.values would copy every byte into an array.
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (typeof child === 'object' && child !== null) stack.push({ v: child, depth: depth + 1 });
    }
  }
  return false;
}
