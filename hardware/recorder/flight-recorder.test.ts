import { mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorCore } from '../firmata/emulator-core.ts';
import { FirmataPreframer } from '../firmata/preframer.ts';
import { UNO } from '../firmata/protocol.ts';
import { createRng } from '../loadcell/random.ts';
import { FlightRecorder, readRecording, replay } from './flight-recorder.ts';

describe('FlightRecorder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'recorder-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A Firmata session: handshake, port reports, analog samples, some garbage; in random chunks. */
  function session(): Uint8Array[] {
    const out: number[] = [];
    const core = new EmulatorCore(UNO, 'StandardFirmata.ino', (b) => out.push(...b));
    core.announce();
    core.receive(Uint8Array.of(0xf0, 0x6b, 0xf7, 0xf0, 0x69, 0xf7, 0xf4, 2, 0, 0xd0, 1, 0xc0, 1));
    for (let i = 0; i < 50; i++) {
      core.setDriven(2, (i % 2) as 0 | 1);
      core.setAnalog(14, i * 20);
      core.sampleAnalog();
      if (i % 10 === 0) out.push(0x33, 0xf7);
    }
    const rng = createRng(5);
    const chunks: Uint8Array[] = [];
    for (let from = 0; from < out.length; ) {
      const n = rng.int(1, 40);
      chunks.push(Uint8Array.from(out.slice(from, from + n)));
      from += n;
    }
    return chunks;
  }

  it('records a session, exports it, and replays it into a parser with the same events out', async () => {
    const recorder = new FlightRecorder();
    const live = new FirmataPreframer({ pinCount: 20, analogChannels: 6 });
    let at = 1000;
    for (const chunk of session()) {
      at += 1.5;
      recorder.recordChunk('uno-1', 'rx', chunk, at);
      for (const message of live.push(chunk)) recorder.recordEvent('uno-1', [...message], at);
    }
    recorder.recordChunk('uno-1', 'tx', Uint8Array.of(0xf9), at + 1);
    const file = join(dir, 'flight.jsonl');
    await recorder.export(file);

    const replayed: number[][] = [];
    const parser = new FirmataPreframer({ pinCount: 20, analogChannels: 6 });
    const result = await replay(file, (bytes) => replayed.push(...parser.push(bytes).map((m) => [...m])));
    const { entries } = await readRecording(file);
    const recordedEvents = entries.filter((e) => e.kind === 'event').map((e) => (e.kind === 'event' ? e.event : null));
    expect(replayed).toEqual(recordedEvents);
    expect(replayed.length).toBeGreaterThan(100);
    expect(parser.stats).toEqual(live.stats);
    expect(result.chunks).toBe(entries.filter((e) => e.kind === 'chunk' && e.dir === 'rx').length);
  });

  it('keeps each board within its byte budget, dropping the oldest entries first', () => {
    const recorder = new FlightRecorder({ maxBytesPerBoard: 4096 });
    for (let i = 0; i < 1000; i++) recorder.recordChunk('a', 'rx', new Uint8Array(100).fill(i % 128), i);
    recorder.recordChunk('b', 'rx', Uint8Array.of(1, 2, 3), 5);
    expect(recorder.usedBytes('a')).toBeLessThanOrEqual(4096);
    const kept = recorder.entries('a');
    expect(kept[kept.length - 1]?.at).toBe(999);
    expect(kept[0]?.at).toBe(1000 - kept.length);
    expect(recorder.dropped()).toEqual({ a: 1000 - kept.length, b: 0 });
    expect(recorder.entries('b')).toHaveLength(1);
  });

  it('skips lines of a damaged recording instead of failing the replay', async () => {
    const recorder = new FlightRecorder();
    recorder.recordChunk('a', 'rx', Uint8Array.of(0xf9, 2, 5), 1);
    const file = join(dir, 'damaged.jsonl');
    await recorder.export(file);
    appendFileSync(file, '{"kind":"chunk","boardId":1}\nnot json\n');
    const { entries, invalidLines } = await readRecording(file);
    expect(entries).toHaveLength(1);
    expect(invalidLines).toBe(2);
  });
});
