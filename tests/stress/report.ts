/** Reads vitest's JSON report into the failures the stress harness prints. */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface StressFailure {
  file: string;
  name: string;
  message: string;
}

const ReportSchema = z.object({
  numTotalTests: z.number(),
  testResults: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      message: z.string().optional(),
      assertionResults: z.array(z.object({ fullName: z.string(), status: z.string(), failureMessages: z.array(z.string()).optional() })),
    }),
  ),
});

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Failed tests, plus suites that failed outside a test (a hook timeout, an import error). */
export function readFailures(jsonPath: string, logPath: string): { tests: number; failures: StressFailure[] } {
  let report: z.infer<typeof ReportSchema>;
  try {
    report = ReportSchema.parse(JSON.parse(fs.readFileSync(jsonPath, 'utf8')));
  } catch (err) {
    const tail = fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n') : '';
    return { tests: 0, failures: [{ file: '(vitest)', name: 'no JSON report', message: `${String(err)}\n${tail}` }] };
  }
  const failures: StressFailure[] = [];
  for (const file of report.testResults) {
    const rel = path.relative(ROOT, file.name);
    const failed = file.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failed) failures.push({ file: rel, name: a.fullName, message: (a.failureMessages ?? []).join('\n') });
    if (file.status === 'failed' && failed.length === 0) failures.push({ file: rel, name: '(suite: hook or import)', message: file.message || suiteErrorFromLog(logPath, rel) });
  }
  return { tests: report.numTotalTests, failures };
}

/** vitest's JSON report leaves a hook's error out: take it from the log's "FAIL <file>" block. */
function suiteErrorFromLog(logPath: string, file: string): string {
  if (!fs.existsSync(logPath)) return '';
  // eslint-disable-next-line no-control-regex -- strips terminal colour codes
  const lines = fs.readFileSync(logPath, 'utf8').replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const at = lines.findIndex((l) => l.includes('FAIL') && l.includes(file));
  return at < 0 ? '' : lines.slice(at + 1, at + 4).join('\n');
}
