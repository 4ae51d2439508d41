import type { TestProject } from 'vitest/node';
import { findPgBin, startPgCluster } from './pg-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/** One PostgreSQL cluster per test run for the `pg` project; stopped when the run ends. */
export default async function setup(project: TestProject): Promise<() => void> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL binaries not found (apt-get install postgresql)');
  const cluster = await startPgCluster(bin);
  project.provide('pgAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
