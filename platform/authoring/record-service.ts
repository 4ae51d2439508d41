import { SaveRecordRequestSchema, type FieldIssue } from '../../contract/authoring.ts';
import { actorOf, type Principal } from '../accounts/admin-auth.ts';
import { loadCatalogue, type WorkingCatalogue } from '../catalogue/working-catalogue.ts';
import type { PlatformDeps } from '../deps.ts';
import type { KindSpec, RecordWrite } from './record-kinds.ts';

export type RecordResult =
  | { ok: true; value: { revision: number } }
  | { ok: false; status: number; code: string; message: string; issues?: FieldIssue[] };

const fail = (status: number, code: string, message: string, issues?: FieldIssue[]): RecordResult => ({ ok: false, status, code, message, ...(issues ? { issues } : {}) });
const STALE = fail(409, 'stale', 'the catalogue changed since you loaded it: load it again and redo the change');

/** Top-level fields whose value differs (added, removed or changed), for the audit detail. */
export function changedFields(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

async function apply(deps: PlatformDeps, by: Principal, cat: WorkingCatalogue, write: RecordWrite, action: string, target: string, detail: unknown): Promise<RecordResult> {
  const audit = [{ at: deps.now(), actor: actorOf(by), action, target, detail: JSON.stringify(detail) }];
  const r = await deps.store.applyCatalogue({ ...write, expectedRevision: cat.revision, audit });
  return r === 'stale' ? STALE : { ok: true, value: { revision: cat.revision + 1 } };
}

function zodPath(path: readonly PropertyKey[]): FieldIssue['path'] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/**
 * Saves one whole record quoting the revision it was edited on: 400 for a body that is not
 * `{revision, record}`, 409 `stale` when the catalogue moved on, 422 with every schema and
 * reference problem, else the record is written with its audit row in one transaction.
 */
export async function saveRecord(deps: PlatformDeps, by: Principal, spec: KindSpec, params: Record<string, string>, body: unknown): Promise<RecordResult> {
  const id = spec.keyFromParams(params);
  if (!id.ok) return fail(400, 'bad-id', id.message);
  const req = SaveRecordRequestSchema.safeParse(body);
  if (!req.success) return fail(400, 'bad-request', 'the body must be {"revision": N, "record": {…}}');
  const cat = await loadCatalogue(deps.store);
  if (req.data.revision !== cat.revision) return STALE;
  if (spec.needsMeta && !cat.meta) return fail(409, 'empty-catalogue', 'seed the catalogue first');
  const raw = typeof req.data.record === 'object' && req.data.record !== null ? (req.data.record as Record<string, unknown>) : {};
  const parsed = spec.schema.safeParse(req.data.record);
  const issues: FieldIssue[] = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: zodPath(i.path), message: i.message }))),
    ...spec.identityIssues(raw, id.key),
    ...spec.references(raw, cat),
  ];
  if (!parsed.success || issues.length > 0) {
    return fail(422, 'invalid', `the ${spec.kind} has ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues.slice(0, 3).map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ')}`, issues);
  }
  const before = spec.existing(cat, id.key);
  const detail = before === undefined ? { created: true } : { changed: changedFields(before, parsed.data) };
  return apply(deps, by, cat, spec.save(cat, parsed.data, id.key), `${spec.kind}.save`, `${spec.kind}:${id.key}`, detail);
}

/** Deletes one record: 404 unknown, 409 `stale`, 409 `in-use` while another record refers to it. */
export async function deleteRecord(deps: PlatformDeps, by: Principal, spec: KindSpec, params: Record<string, string>, revisionParam: string | undefined): Promise<RecordResult> {
  const id = spec.keyFromParams(params);
  if (!id.ok) return fail(400, 'bad-id', id.message);
  const revision = /^\d{1,15}$/.test(revisionParam ?? '') ? Number(revisionParam) : null;
  if (revision === null) return fail(400, 'bad-request', 'quote the revision you edited: ?revision=N');
  const cat = await loadCatalogue(deps.store);
  const before = spec.existing(cat, id.key);
  if (before === undefined) return fail(404, 'not-found', `no ${spec.kind} “${id.key}”`);
  if (revision !== cat.revision) return STALE;
  const users = spec.usedBy(cat, id.key);
  if (users.length > 0) return fail(409, 'in-use', `the ${spec.kind} “${id.key}” is still used by ${users.slice(0, 10).join(', ')}${users.length > 10 ? ` and ${users.length - 10} more` : ''}`);
  return apply(deps, by, cat, spec.remove(cat, id.key), `${spec.kind}.delete`, `${spec.kind}:${id.key}`, { deleted: true });
}
