/**
 * Builds a kiosk release archive for staged updates and first installs (docs/kiosk-deployment.md):
 *
 *   npm run build:release -- --seq 3 --version 3.1.0 [--out dir]
 *
 * The archive holds `<seq>-<version>/`'s content at its root: `release.json`, `package.json`,
 * `package-lock.json`, the compiled service (`dist/app`), the built screens (`dist/renderer`,
 * `dist/authoring` is left out: it is the platform's) and **the production `node_modules`** of
 * this build machine — native modules included (better-sqlite3, serialport), so the store PC,
 * which has no compiler, runs it as it is. Build on the same OS and CPU architecture as the
 * kiosks. Nothing is downloaded: the packages are copied from this checkout's install (the set
 * `npm ls --omit=dev` lists), so dev tools (vitest, eslint, electron-builder, …) stay out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tar from 'tar';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface ReleaseBuild {
  file: string;
  bytes: number;
  packages: number;
}

/** The top-level production package directories (`node_modules/x`, `node_modules/@s/x`) of the install at `root`. */
export function productionPackages(root: string): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  let out: string;
  try {
    out = execFileSync(npm, ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // npm ls exits 1 on problems it only warns about (an optional dependency missing on this OS …): keep its list.
    out = (err as { stdout?: string }).stdout ?? '';
    if (out === '') throw err;
  }
  const top = new Set<string>();
  for (const line of out.split('\n')) {
    const rel = path.relative(root, line.trim());
    if (rel === '' || rel.startsWith('..')) continue;
    const parts = rel.split(path.sep);
    if (parts[0] !== 'node_modules') continue;
    const name = parts[1]?.startsWith('@') ? parts.slice(0, 3) : parts.slice(0, 2);
    if (name.length >= 2) top.add(name.join(path.sep));
  }
  return [...top].sort();
}

/** `appDir` / `rendererDir`: the compiled service and the built screens (default: this checkout's `dist/`). */
export async function buildRelease(opts: { seq: number; version: string; outDir: string; root?: string; appDir?: string; rendererDir?: string }): Promise<ReleaseBuild> {
  const root = opts.root ?? ROOT;
  const appDir = opts.appDir ?? path.join(root, 'dist/app');
  const rendererDir = opts.rendererDir ?? path.join(root, 'dist/renderer');
  for (const need of [path.join(appDir, 'service/main.js'), path.join(rendererDir, 'index.html')]) {
    if (!fs.existsSync(need)) throw new Error(`${need} is missing: run \`npm run build:app\` first`);
  }
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-release-'));
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    const kept = Object.fromEntries(Object.entries(pkg).filter(([k]) => k !== 'devDependencies' && k !== 'scripts'));
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify({ ...kept, version: opts.version }, null, 2)}\n`);
    fs.copyFileSync(path.join(root, 'package-lock.json'), path.join(stage, 'package-lock.json'));
    fs.writeFileSync(path.join(stage, 'release.json'), `${JSON.stringify({ seq: opts.seq, version: opts.version })}\n`);
    fs.cpSync(appDir, path.join(stage, 'dist/app'), { recursive: true });
    fs.cpSync(rendererDir, path.join(stage, 'dist/renderer'), { recursive: true });
    const packages = productionPackages(root);
    for (const rel of packages) fs.cpSync(path.join(root, rel), path.join(stage, rel), { recursive: true, verbatimSymlinks: true });
    fs.mkdirSync(opts.outDir, { recursive: true });
    const file = path.join(opts.outDir, `smart-shelf-${opts.seq}-${opts.version}.tar.gz`);
    await tar.c({ gzip: true, file, cwd: stage, portable: true }, ['.']);
    return { file, bytes: fs.statSync(file).size, packages: packages.length };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seq: { type: 'string' }, version: { type: 'string' }, out: { type: 'string', default: path.join(ROOT, 'dist/releases') } } });
  const seq = Number(values.seq);
  if (!Number.isInteger(seq) || seq < 1 || !values.version || !/^\d+\.\d+\.\d+$/.test(values.version)) {
    process.stderr.write('usage: npm run build:release -- --seq N (≥ 1) --version X.Y.Z [--out dir]\n');
    process.exit(2);
  }
  const built = await buildRelease({ seq, version: values.version, outDir: path.resolve(values.out) });
  process.stdout.write(`${built.file}: ${(built.bytes / 1024 / 1024).toFixed(1)} MiB, ${built.packages} production packages\n`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
