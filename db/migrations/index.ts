import type { Migration } from '../migrate.ts';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-sync.ts';
import { migration0003 } from './0003-boards.ts';

/** Every migration in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003];
