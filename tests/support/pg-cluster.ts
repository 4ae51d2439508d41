import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: Debian's binaries
 * (/usr/lib/postgresql/<ver>/bin), initdb into a temp dir, started on a free port with its
 * socket in that dir. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
 * `PLATFORM_TEST_PG_BIN` overrides the binary dir (`none` acts as if PostgreSQL were absent).
 */
export function findPgBin(): string | null {
  const override = process.env.PLATFORM_TEST_PG_BIN;
  if (override !== undefined && override !== '') return override === 'none' ? null : override;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  /** URL of another database on the same cluster. */
  urlFor(database: string): string;
  stop(): void;
}

function asPostgres(bin: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/** Starts a cluster; `stop()` shuts it down and removes its directory. */
export async function startPgCluster(bin: string, opts: { durable?: boolean } = {}): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-cluster-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const stop = () => {
    spawnSync(process.getuid?.() === 0 ? 'runuser' : join(bin, 'pg_ctl'),
      process.getuid?.() === 0 ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'] : ['-D', data, '-m', 'immediate', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    const port = await freePort();
    // Throwaway test data: fsync off keeps a busy 2-core machine fast; the store's logic is the
    // same. Benchmarks ask for `durable` (the defaults: fsync, synchronous commit), as in production.
    const fast = opts.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const server = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300${fast}`;
    asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', server, '-w', '-t', '60', 'start']);
    const urlFor = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
    return { adminUrl: urlFor('postgres'), urlFor, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
