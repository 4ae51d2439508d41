/** The latest `shelf.health` state a kiosk reported for one board (by stream and seq, not clock). */
export interface BoardHealthRecord {
  kioskId: string;
  boardId: string;
  state: string;
  detail: string | null;
  deviceTime: string;
}

/** Per-kiosk figures the fleet view needs, from the streams and conflicts tables. */
export interface KioskEventStats {
  kioskId: string;
  /** Events held (distinct sequence numbers over the kiosk's streams). */
  events: number;
  /** Sequence numbers below each stream's highest not yet received, summed. */
  missing: number;
  conflicts: number;
}

/** One event on a kiosk's timeline, with its payload as JSON text. */
export interface TimelineEvent {
  id: string;
  type: string;
  streamId: string;
  seq: number;
  deviceTime: string;
  receivedAt: number;
  payload: string;
}

export interface TimelineCursor {
  receivedAt: number;
  seq: number;
  id: string;
}

/** Read side of the fleet view; both stores implement it. */
export interface FleetQueries {
  boardHealth(): Promise<BoardHealthRecord[]>;
  kioskEventStats(): Promise<KioskEventStats[]>;
  /**
   * A kiosk's events, newest first by (received time, seq, id); `before` is the last row of the
   * previous page (a keyset cursor: a whole batch shares one received time).
   */
  kioskTimeline(kioskId: string, limit: number, before?: TimelineCursor): Promise<TimelineEvent[]>;
}
