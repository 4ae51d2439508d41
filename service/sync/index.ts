/** The kiosk sync client: what the service wires in (docs/sync.md). */
export { createPusher, type Pusher, type PusherOptions, type PushStep, type SyncStatus } from './pusher.ts';
export { createContentPuller, type ContentPuller, type ContentPullerOptions, type ContentProgress, type ContentRejection, type InstallFn, type PullOutcome } from './content-puller.ts';
export { createHeartbeat, heartbeatBody, type HeartbeatOptions } from './heartbeat.ts';
export { enrolKiosk, rotateCredentials, type SyncResult } from './enrol.ts';
export { createSyncState, type SyncState, type SyncError } from './sync-state.ts';
export { createOutboxRepo, type DeadLetter, type OutboxRepo } from './outbox-repo.ts';
export { verifyManifestSignature } from './content-verify.ts';
export type { CredentialsSource, FetchLike, SyncLogger } from './sync-types.ts';
