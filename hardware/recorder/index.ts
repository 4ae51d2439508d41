/** Serial flight recorder: bounded per-board ring, JSON-lines export, replay. */
export { FlightRecorder, readRecording, replay } from './flight-recorder.ts';
export type { ChunkDirection, FlightRecorderOptions, RecordEntry } from './flight-recorder.ts';
