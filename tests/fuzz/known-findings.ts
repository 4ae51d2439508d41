import type { Finding } from './http-fuzz.ts';

/**
 * What the fuzzer finds inside service/api/ — being rewritten by the staff-mode work, so
 * reported (docs/security.md, "Open") rather than fixed here. Each entry names the route and
 * the exact kind, so anything new still fails the sweep.
 */
export const KNOWN_LOCAL_API_FINDINGS: ReadonlyArray<{ why: string; matches(f: Finding): boolean }> = [
  {
    why: '@fastify/websocket answers a plain GET /ws (no Upgrade) with an empty 404 instead of a JSON refusal',
    matches: (f) => f.route === 'GET /ws' && f.kind === 'non-json-refusal' && f.status === 404,
  },
];
