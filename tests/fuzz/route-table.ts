/** One registered route, as fastify's router holds it (path params still as `:name`, wildcards as `*`). */
export interface RouteEntry {
  method: string;
  url: string;
}

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/;

/**
 * The route table of a fastify instance, read generically from its public `printRoutes()`
 * tree (`commonPrefix: false`): each line is a path segment under its parent, with the
 * methods registered there. So a fuzzer that uses this keeps covering routes added later.
 */
export function parseRouteTable(printout: string): RouteEntry[] {
  const stack: string[] = [];
  const out: RouteEntry[] = [];
  for (const raw of printout.split('\n')) {
    const m = LINE.exec(raw.trimEnd());
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    const segment = m[2] ?? '';
    // Top-level segments hang under the root `/`, which the printout leaves implicit for `*`.
    const path = depth > 0 ? (stack[depth - 1] ?? '') + segment : segment.startsWith('/') ? segment : `/${segment}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) out.push({ method, url: path });
  }
  return out;
}
