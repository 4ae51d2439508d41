import { z } from 'zod';
import { call } from '../api/http.ts';
export type { ApiResult } from '../api/http.ts';
import { AccountListSchema, AccountSchema, AlertListSchema, CalibrationHistorySchema, CalibrationStateSchema, SlotStockSchema, StaffStateSchema, StockListSchema } from '../../../contract/staff.ts';
import { BoardRecordSchema, HardwareStatusSchema, PortInfoSchema } from '../../../contract/hardware.ts';

const Ok = z.object({ ok: z.literal(true) });
const Selected = z.object({ slotId: z.string().nullable(), pendingCount: z.number().int(), lastTouched: z.object({ slotId: z.string(), at: z.number() }).nullable() });
const BindResult = z.object({ slotId: z.string(), productId: z.string(), planogramVersion: z.number() });
const BoardsResult = z.object({ boards: z.array(BoardRecordSchema), invalid: z.array(z.unknown()).optional() });
const PortsResult = z.object({ ports: z.array(PortInfoSchema) });

/** The staff surface's typed client of the local API (every answer parsed with its contract schema). */
export const staffApi = {
  state: () => call(StaffStateSchema, 'GET', '/api/staff/state'),
  firstSetup: (code: string, name: string, pin: string) => call(AccountSchema, 'POST', '/api/staff/first-setup', { code, name, pin }),
  signIn: (accountId: string, pin: string) => call(AccountSchema, 'POST', '/api/staff/sign-in', { accountId, pin }),
  signOut: (reason: 'sign-out' | 'attract') => call(Ok, 'POST', '/api/staff/sign-out', { reason }),
  touch: () => call(Ok, 'POST', '/api/staff/touch', {}),
  mode: (on: boolean) => call(Ok, 'POST', '/api/staff/mode', { on }),
  stock: () => call(StockListSchema, 'GET', '/api/stock'),
  select: (slotId: string | null) => call(z.object({ slotId: z.string().nullable(), led: z.boolean() }), 'POST', '/api/stock/select', { slotId }),
  selected: () => call(Selected, 'GET', '/api/stock/selected'),
  restock: (req: { slotId: string; added: number; batchCode?: string; bestBefore?: string }) => call(SlotStockSchema, 'POST', '/api/stock/restock', req),
  bind: (slotId: string, by: { barcode: string } | { productId: string }) => call(BindResult, 'POST', '/api/planogram/bind', { slotId, ...by }),
  calibrate: (slotId: string, step: 'tare' | 'weigh' | 'save' | 'cancel', knownGrams?: number) => call(CalibrationStateSchema, 'POST', '/api/calibration', { slotId, step, ...(knownGrams === undefined ? {} : { knownGrams }) }),
  calibrationHistory: (slotId: string) => call(CalibrationHistorySchema, 'GET', `/api/calibration/history?slotId=${encodeURIComponent(slotId)}`),
  alerts: () => call(AlertListSchema, 'GET', '/api/staff/alerts'),
  hardware: () => call(HardwareStatusSchema, 'GET', '/api/hardware/status'),
  boards: () => call(BoardsResult, 'GET', '/api/hardware/boards'),
  ports: () => call(PortsResult, 'GET', '/api/hardware/ports'),
  saveBoards: (boards: unknown) => call(z.object({ ok: z.literal(true) }).passthrough(), 'PUT', '/api/hardware/boards', { boards }),
  confirmBoard: (boardId: string) => call(Ok, 'POST', `/api/hardware/boards/${encodeURIComponent(boardId)}/confirm`, {}),
  accounts: () => call(AccountListSchema, 'GET', '/api/staff/accounts'),
  addAccount: (name: string, role: 'staff' | 'supervisor', pin: string) => call(AccountSchema, 'POST', '/api/staff/accounts', { name, role, pin }),
  deleteAccount: (id: string) => call(Ok, 'DELETE', `/api/staff/accounts/${encodeURIComponent(id)}`),
};
