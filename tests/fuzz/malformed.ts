import fc from 'fast-check';
import { gzipSync } from 'node:zlib';

/** What one fuzz request sends: the body as raw bytes, plus what it claims to be. */
export interface BodySpec {
  kind: string;
  bytes: Buffer | undefined;
  contentType: string | undefined;
  contentEncoding: string | undefined;
}

const ZEROS_64M_GZ = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const deep = (n: number, open: string, close: string) => Buffer.from(open.repeat(n) + close.repeat(n));

/** Body arbitraries; `limit` is the server's body limit (oversized bodies go just past it). */
export function bodyArb(validBodies: readonly unknown[], limit: number): fc.Arbitrary<BodySpec> {
  const ct = fc.constantFrom<string | undefined>('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'APPLICATION/JSON', 'application/jsonx', 'application/json; charset=latin1', undefined);
  const valid = validBodies.length > 0 ? fc.constantFrom(...validBodies) : fc.constant({});
  const spec = (kind: string, bytes: fc.Arbitrary<Buffer | undefined>, encoding: fc.Arbitrary<string | undefined> = fc.constant(undefined)) =>
    fc.record({ kind: fc.constant(kind), bytes, contentType: ct, contentEncoding: encoding });
  return fc.oneof(
    { weight: 4, arbitrary: spec('valid', valid.map(json)) },
    { weight: 4, arbitrary: spec('mutated', fc.tuple(valid, fc.jsonValue()).map(([v, x]) => json(mutate(v, x)))) },
    { weight: 4, arbitrary: spec('random-json', fc.jsonValue({ maxDepth: 6 }).map(json)) },
    { weight: 3, arbitrary: spec('wrong-types', fc.anything({ withBigInt: false, withMap: false, withSet: false }).map((v) => json(Array.isArray(v) ? v : { events: v, code: v, installId: v, type: v }))) },
    { weight: 3, arbitrary: spec('truncated', fc.tuple(valid, fc.nat()).map(([v, n]) => { const b = json(v); return b.subarray(0, n % Math.max(1, b.length)); })) },
    { weight: 2, arbitrary: spec('deep', fc.tuple(fc.integer({ min: 1000, max: Math.max(1001, Math.floor(limit / 2.2)) }), fc.constantFrom(['[', ']'], ['{"a":', '}'], ['{"events":[', ']}'])).map(([n, [o, c]]) => deep(Math.min(n, 400_000), o, c))) },
    { weight: 2, arbitrary: spec('deep-in-valid', fc.tuple(valid, fc.integer({ min: 500, max: 20_000 }), fc.nat()).map(([v, n, at]) => nestInside(JSON.stringify(v), n, at))) },
    { weight: 3, arbitrary: spec('bad-encoding', fc.oneof(fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)), fc.constant(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])), fc.constant(Buffer.from('{"code":"\ud800"}', 'utf16le')), fc.constant(Buffer.from('{"code":"\\ud800\\udfff\\u0000"}')), fc.constant(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])))) },
    { weight: 1, arbitrary: spec('oversized', fc.integer({ min: limit + 1, max: Math.floor(limit * 1.1) + 2 }).map((n) => Buffer.alloc(n, 0x20))) },
    { weight: 2, arbitrary: spec('gzip', valid.map((v) => gzipSync(json(v))), fc.constant('gzip')) },
    { weight: 1, arbitrary: spec('gzip-bomb', fc.constant(ZEROS_64M_GZ), fc.constantFrom('gzip', 'gzip')) },
    { weight: 1, arbitrary: spec('gzip-truncated', valid.map((v) => { const g = gzipSync(json(v)); return g.subarray(0, Math.max(1, g.length - 5)); }), fc.constant('gzip')) },
    { weight: 1, arbitrary: spec('bad-coding', fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a)), fc.constantFrom('br', 'deflate', 'gzip, gzip', 'x-unknown', 'identity', '')) },
    { weight: 1, arbitrary: spec('empty', fc.constant(Buffer.alloc(0))) },
    { weight: 1, arbitrary: spec('none', fc.constant(undefined)) },
  );
}

/** Inserts a deeply nested field into one of the objects of a valid body (chosen by `at`). */
function nestInside(text: string, depth: number, at: number): Buffer {
  const opens = [...text.matchAll(/\{/g)].map((m) => m.index);
  const pos = opens.length === 0 ? -1 : (opens[at % opens.length] ?? -1);
  const nested = `"zz":${'['.repeat(depth)}${']'.repeat(depth)}`;
  if (pos < 0) return Buffer.from(`{${nested}}`);
  const rest = text.slice(pos + 1);
  return Buffer.from(`${text.slice(0, pos + 1)}${nested}${rest.startsWith('}') ? '' : ','}${rest}`);
}

/** Replaces one field (or the whole value) of a valid body with something of another type. */
function mutate(v: unknown, x: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return x;
  const keys = Object.keys(v);
  if (keys.length === 0) return x;
  const key = keys[Math.abs(JSON.stringify(x)?.length ?? 0) % keys.length] ?? '';
  return { ...v, [key]: x };
}

/** Strings that go into path parameters and query strings. */
export const paramArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', '%ff%fe', '%', '%zz', 'a'.repeat(3000), '0', '-1', '1e308', 'NaN', '9'.repeat(40), 'a'.repeat(64), 'f'.repeat(64), '%F0%9F%98%80', 'null', '__proto__', 'constructor'),
);
