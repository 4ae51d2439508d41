import type { z } from 'zod';
import type { FieldIssue } from '../../../../contract/authoring.ts';

/** A field's key: its path inside the record, dotted (`story.text.zh-CN`, `figures.0.label.en`). */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Schema problems of a draft, as field issues (the same shape as the server's 422 `issues`). */
export function validateDraft(schema: z.ZodType, draft: unknown): FieldIssue[] {
  const r = schema.safeParse(draft);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), message: i.message }));
}

/** Issues by field key; several issues on one field keep their order. */
export function issuesByField(issues: readonly FieldIssue[]): ReadonlyMap<string, string[]> {
  const map = new Map<string, string[]>();
  for (const i of issues) {
    const key = pathKey(i.path);
    map.set(key, [...(map.get(key) ?? []), i.message]);
  }
  return map;
}

/** The value at a path (undefined when any step is missing). */
export function valueAt(record: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = record;
  for (const step of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return cur;
}

/**
 * The server's issues still worth showing: those whose field still holds the value the server
 * judged (an edit to the field clears its issue; the others stay until the next save).
 */
export function liveServerIssues(reported: readonly { issue: FieldIssue; value: string }[], draft: unknown): FieldIssue[] {
  return reported.filter((r) => JSON.stringify(valueAt(draft, r.issue.path)) === r.value).map((r) => r.issue);
}
