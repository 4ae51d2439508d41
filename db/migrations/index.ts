import type { Migration } from '../migrate.ts';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-sync.ts';
import { migration0003 } from './0003-boards.ts';
import { migration0004 } from './0004-staff-accounts.ts';
import { migration0005 } from './0005-slot-stock.ts';
import { migration0006 } from './0006-stock-batches.ts';
import { migration0007 } from './0007-calibrations.ts';
import { migration0008 } from './0008-staff-alerts.ts';
import { migration0009 } from './0009-events-by-type.ts';
import { migration0010 } from './0010-board-load-cell-capacity.ts';
import { migration0011 } from './0011-orders.ts';
import { migration0012 } from './0012-sales.ts';
import { migration0013 } from './0013-sale-buyer.ts';

/** Every migration in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013];
