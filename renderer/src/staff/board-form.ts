import type { BoardSetupInput, PortInfo } from '../../../contract/hardware.ts';
import { BoardSetupSchema } from '../../../contract/hardware.ts';

/** The board set-up form's fields, all as typed (strings), before validation. */
export interface BoardDraft {
  boardId: string;
  protocol: 'shelf-node' | 'firmata';
  portPath: string;
  serialNumber: string;
  byPath: string;
  loadCellRate: '10' | '80';
  /** Firmata slots, one a line: `<channel> <pin>` (switch) or `<channel> A<n> <threshold>` (analog). */
  slots: string;
}

export const EMPTY_DRAFT: BoardDraft = { boardId: '', protocol: 'shelf-node', portPath: '', serialNumber: '', byPath: '', loadCellRate: '80', slots: '' };

/** One field problem, named the way the form labels it. */
export interface DraftIssue {
  field: string;
  message: string;
}

/** A found port fills the most stable identity it has: serial number, else USB socket, else path. */
export function identityFromPort(port: PortInfo): Pick<BoardDraft, 'portPath' | 'serialNumber' | 'byPath'> {
  if (port.serialNumber) return { serialNumber: port.serialNumber, byPath: '', portPath: '' };
  if (port.byPath) return { serialNumber: '', byPath: port.byPath, portPath: '' };
  return { serialNumber: '', byPath: '', portPath: port.path };
}

function parseSlotLine(line: string, index: number): { slot?: unknown; issue?: DraftIssue } {
  const parts = line.trim().split(/\s+/);
  const channel = Number(parts[0]);
  const analog = /^A(\d)$/i.exec(parts[1] ?? '');
  if (analog) return { slot: { channel, kind: 'analog', pin: 14 + Number(analog[1]), threshold: Number(parts[2]) } };
  if (parts.length !== 2 || !/^\d+$/.test(parts[0] ?? '') || !/^\d+$/.test(parts[1] ?? '')) {
    return { issue: { field: `slots line ${index + 1}`, message: 'write "channel pin" (switch) or "channel A0 threshold" (analog)' } };
  }
  return { slot: { channel, kind: 'switch', pin: Number(parts[1]) } };
}

/** The draft as a board set-up, checked with the contract's schema; issues name the form's fields. */
export function draftToSetup(d: BoardDraft): { ok: true; value: BoardSetupInput } | { ok: false; issues: DraftIssue[] } {
  const port = { ...(d.serialNumber.trim() ? { serialNumber: d.serialNumber.trim() } : {}), ...(d.byPath.trim() ? { byPath: d.byPath.trim() } : {}), ...(d.portPath.trim() ? { path: d.portPath.trim() } : {}) };
  const issues: DraftIssue[] = [];
  let candidate: unknown;
  if (d.protocol === 'shelf-node') candidate = { boardId: d.boardId.trim(), protocol: 'shelf-node', port, loadCellRate: Number(d.loadCellRate) };
  else {
    const lines = d.slots.split('\n').filter((l) => l.trim() !== '');
    const parsed = lines.map(parseSlotLine);
    for (const p of parsed) if (p.issue) issues.push(p.issue);
    candidate = { boardId: d.boardId.trim(), protocol: 'firmata', port, slots: parsed.map((p) => p.slot).filter((s) => s !== undefined) };
  }
  const result = BoardSetupSchema.safeParse(candidate);
  if (!result.success) for (const i of result.error.issues) issues.push({ field: i.path.map(String).join('.') || 'board', message: i.message });
  return issues.length > 0 || !result.success ? { ok: false, issues } : { ok: true, value: candidate as BoardSetupInput };
}

/** A stored board back into the form. */
export function setupToDraft(setup: BoardSetupInput): BoardDraft {
  const slots = setup.protocol === 'firmata' ? setup.slots.map((s) => (s.kind === 'analog' ? `${s.channel} A${s.pin - 14} ${s.threshold}` : `${s.channel} ${s.pin}`)).join('\n') : '';
  return {
    boardId: setup.boardId,
    protocol: setup.protocol,
    portPath: setup.port.path ?? '',
    serialNumber: setup.port.serialNumber ?? '',
    byPath: setup.port.byPath ?? '',
    loadCellRate: setup.protocol === 'shelf-node' && setup.loadCellRate === 10 ? '10' : '80',
    slots,
  };
}
