import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminMeSchema, AuditEntrySchema, MediaUploadResponseSchema, type AuthoringCatalogue } from '../../contract/authoring.ts';
import type { LiveStream } from '../../contract/campaign-schedule.ts';
import { contentPaths } from '../../platform/content/publish.ts';
import type { RunningPlatform } from '../../platform/server.ts';
import { expectError, readAuthoringCatalogue } from '../support/authoring.ts';
import { createAdminAccount, seedDemoCatalogue, sessionRequest, signIn } from '../support/platform-admin.ts';
import { teardown } from '../support/teardown.ts';
import { ADMIN_TOKEN, startTestPlatform, tempDir } from './helpers.ts';

/**
 * The authoring app's later routes on a real platform over HTTP with signed-in sessions:
 * live-stream slots one at a time, video uploads (MP4/WebM by their container's magic bytes,
 * 50 MiB cap, no renditions) and who is signed in (`GET /v1/admin/me`). Runs on both stores.
 */
const t = tempDir('authoring-more');
const dataDir = path.join(t.dir, 'platform');
let platform: RunningPlatform;
let editor = '';
let publisher = '';

const call = (method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}, cookie = editor) => sessionRequest(platform.url, cookie, method, pathname, body, headers);
const catalogue = (): Promise<AuthoringCatalogue> => readAuthoringCatalogue(platform.url, { cookie: editor });

const mediaFiles = () => readdirSync(path.join(contentPaths(dataDir).root, 'media')).sort();
const lastAudit = async () => {
  const res = await call('GET', '/v1/admin/audit?limit=1');
  return AuditEntrySchema.parse(((await res.json()) as { entries: unknown[] }).entries[0]);
};

const stream: LiveStream = {
  id: 'tea-live-0603',
  title: { 'zh-CN': '高山云雾茶直播', 'zh-TW': '高山雲霧茶直播', en: 'Mountain tea live' },
  host: { 'zh-CN': '李主播' },
  startsAt: '2030-06-03T10:00:00+08:00',
  endsAt: '2030-06-03T12:00:00+08:00',
  zones: ['live-stream'],
};

/** The smallest MP4 header a player reads first: an `ftyp` box (ISO/IEC 14496-12 §4.3), then filler. */
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2', 'latin1'), Buffer.alloc(64, 7)]);
/** An EBML header with DocType `webm` (0x4282, size 0x84). */
const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]), Buffer.from('webm', 'latin1'), Buffer.alloc(64, 3)]);

beforeAll(async () => {
  platform = await startTestPlatform(dataDir);
  await seedDemoCatalogue(platform.url, ADMIN_TOKEN, path.join(t.dir, 'demo'));
  await createAdminAccount(platform.url, ADMIN_TOKEN, 'editor2', ['editor']);
  await createAdminAccount(platform.url, ADMIN_TOKEN, 'pub2', ['editor', 'publisher']);
  [editor, publisher] = await Promise.all([signIn(platform.url, 'editor2'), signIn(platform.url, 'pub2')]);
}, 120_000);

afterAll(() => teardown([['platform', () => platform?.close()], ['temp dir', () => t.cleanup()]]));

describe('GET /v1/admin/me', () => {
  it('answers the signed-in account’s name and roles, the token as every role, and 401 without either', async () => {
    const me = AdminMeSchema.parse(await (await call('GET', '/v1/admin/me')).json());
    expect(me).toEqual({ username: 'editor2', displayName: 'editor2', roles: ['editor'] });
    expect(AdminMeSchema.parse(await (await call('GET', '/v1/admin/me', undefined, {}, publisher)).json()).roles.sort()).toEqual(['editor', 'publisher']);
    const token = await fetch(`${platform.url}/v1/admin/me`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(AdminMeSchema.parse(await token.json()).roles.sort()).toEqual(['editor', 'fleet-admin', 'publisher']);
    await expectError(await fetch(`${platform.url}/v1/admin/me`), 401, 'unauthorized');
    await expectError(await fetch(`${platform.url}/v1/admin/me`, { headers: { cookie: 'platform_session=forged' } }), 401, 'unauthorized');
  });
});

describe('live-stream slots one at a time', () => {
  it('creates, edits and deletes a slot, each audited, beside the whole-set route', async () => {
    const r0 = (await catalogue()).revision;
    const created = await call('PUT', `/v1/admin/authoring/live-streams/${stream.id}`, { revision: r0, record: stream });
    expect(created.status, await created.clone().text()).toBe(200);
    expect((await catalogue()).liveStreams).toEqual([stream]);
    expect(await lastAudit()).toMatchObject({ action: 'liveStream.save', target: `liveStream:${stream.id}`, detail: JSON.stringify({ created: true }) });

    const moved = { ...stream, endsAt: '2030-06-03T13:00:00+08:00' };
    expect((await call('PUT', `/v1/admin/authoring/live-streams/${stream.id}`, { revision: r0 + 1, record: moved })).status).toBe(200);
    expect(await lastAudit()).toMatchObject({ detail: JSON.stringify({ changed: ['endsAt'] }) });
    // The whole-set route reads what the record route wrote, and keeps it.
    const set = (await (await call('GET', '/v1/admin/catalogue/campaigns')).json()) as { campaigns: unknown[]; liveStreams: LiveStream[] };
    expect(set.liveStreams).toEqual([moved]);
    // The whole-set route refuses a slot id used twice, and writes nothing.
    const twice = await call('PUT', '/v1/admin/catalogue/campaigns', { campaigns: set.campaigns, liveStreams: [moved, { ...moved, startsAt: '2030-06-04T10:00:00+08:00', endsAt: '2030-06-04T12:00:00+08:00' }] });
    const refusal = await expectError(twice, 422, 'invalid-campaigns');
    expect(refusal.message).toBe(`liveStreams.1.id: “${stream.id}” is used twice`);
    expect((await catalogue()).revision).toBe(r0 + 2);

    await expectError(await call('DELETE', `/v1/admin/authoring/live-streams/${stream.id}?revision=${r0}`), 409, 'stale');
    await expectError(await call('DELETE', '/v1/admin/authoring/live-streams/nobody?revision=0'), 404, 'not-found');
    expect((await call('DELETE', `/v1/admin/authoring/live-streams/${stream.id}?revision=${r0 + 2}`)).status).toBe(200);
    expect((await catalogue()).liveStreams).toEqual([]);
    expect(await lastAudit()).toMatchObject({ action: 'liveStream.delete', detail: JSON.stringify({ deleted: true }) });
  });

  it('lists every problem of a bad slot at once and changes nothing', async () => {
    const before = await catalogue();
    const bad = { ...stream, id: 'another', title: { en: 'no zh-CN' }, startsAt: '2030-06-03 10:00', endsAt: '2030-06-03T09:00:00+08:00', zones: ['moon'] };
    const err = await expectError(await call('PUT', `/v1/admin/authoring/live-streams/${stream.id}`, { revision: before.revision, record: bad }), 422, 'invalid');
    expect(err.issues?.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['id', 'title.zh-CN', 'startsAt', 'zones.0']));
    const backwards = { ...stream, endsAt: '2030-06-03T09:00:00+08:00' };
    const werr = await expectError(await call('PUT', `/v1/admin/authoring/live-streams/${stream.id}`, { revision: before.revision, record: backwards }), 422, 'invalid');
    expect(werr.issues).toEqual([{ path: ['endsAt'], message: 'endsAt is not after startsAt' }]);
    await expectError(await call('PUT', `/v1/admin/authoring/live-streams/${stream.id}`, { revision: before.revision - 1, record: stream }), 409, 'stale');
    await expectError(await call('PUT', `/v1/admin/authoring/live-streams/${'x'.repeat(65)}`, { revision: before.revision, record: stream }), 400, 'bad-id');
    await expectError(await call('PUT', `/v1/admin/authoring/live-streams/${stream.id}`, { record: stream }), 400, 'bad-request');
    const after = await catalogue();
    expect(after.revision).toBe(before.revision);
    expect(after.liveStreams).toEqual(before.liveStreams);
  });
});

describe('video uploads', () => {
  it('stores an MP4 and a WebM as they are (no renditions), serves them with their type, and a campaign takes one as its video only', async () => {
    const files = mediaFiles();
    for (const [bytes, type] of [[mp4, 'video/mp4'], [webm, 'video/webm']] as const) {
      const res = await call('POST', '/v1/admin/media?name=clip', bytes, { 'content-type': type });
      expect(res.status, await res.clone().text()).toBe(201);
      const up = MediaUploadResponseSchema.parse(await res.json());
      expect(up.asset).toMatchObject({ mime: type, bytes: bytes.length, name: 'clip' });
      expect(up.asset.renditions).toBeUndefined();
      expect(up.renditions).toEqual([]);
      const served = await call('GET', `/v1/admin/media/${up.asset.sha256}`);
      expect(served.headers.get('content-type')).toBe(type);
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
      // The same bytes again: the same asset, nothing new.
      expect((await call('POST', '/v1/admin/media', bytes, { 'content-type': type })).status).toBe(200);
    }
    expect(mediaFiles()).toHaveLength(files.length + 2);

    const cat = await catalogue();
    const video = cat.media.find((m) => m.mime === 'video/mp4')?.sha256 ?? '';
    const image = cat.media.find((m) => m.mime === 'image/webp' && m.of === undefined)?.sha256 ?? cat.media.find((m) => m.mime.startsWith('image/'))?.sha256 ?? '';
    const campaign = cat.campaigns[0];
    if (campaign === undefined) throw new Error('the demo catalogue has no campaign');
    const swapped = { ...campaign, image: video, video: image };
    const err = await expectError(await call('PUT', `/v1/admin/authoring/campaigns/${encodeURIComponent(campaign.id)}`, { revision: cat.revision, record: swapped }), 422, 'invalid');
    expect(err.issues?.map((i) => i.path.join('.')).sort()).toEqual(['image', 'video']);
    const withVideo = { ...campaign, video };
    const saved = await call('PUT', `/v1/admin/authoring/campaigns/${encodeURIComponent(campaign.id)}`, { revision: cat.revision, record: withVideo });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect((await catalogue()).campaigns.find((c) => c.id === campaign.id)?.video).toBe(video);
  });

  it('refuses a video whose bytes are not its container, a Matroska sent as WebM, and one over 50 MiB, storing nothing', async () => {
    const files = mediaFiles();
    const { revision } = await catalogue();
    const matroska = Buffer.concat([webm.subarray(0, 12), Buffer.from('matroska', 'latin1'), Buffer.alloc(40)]);
    // Bytes not uploaded before (the same bytes again would answer the stored asset).
    const fresh = (b: Buffer) => Buffer.concat([b, Buffer.from('fresh')]);
    for (const [bytes, type] of [[fresh(webm), 'video/mp4'], [fresh(mp4), 'video/webm'], [Buffer.from('just some text, not a video'), 'video/mp4'], [matroska, 'video/webm'], [mp4.subarray(0, 6), 'video/mp4']] as const) {
      const err = await expectError(await call('POST', '/v1/admin/media', bytes, { 'content-type': type }), 422, 'bad-video');
      expect(err.message).toMatch(/not (an MP4|a WebM)/);
    }
    const big = Buffer.concat([mp4, Buffer.alloc(50 * 1024 * 1024)]);
    await expectError(await call('POST', '/v1/admin/media', big, { 'content-type': 'video/mp4' }), 413, 'too-large');
    // An image keeps its own 10 MiB cap under the larger route limit.
    await expectError(await call('POST', '/v1/admin/media', Buffer.alloc(10 * 1024 * 1024 + 1), { 'content-type': 'image/png' }), 413, 'too-large');
    await expectError(await call('POST', '/v1/admin/media', Buffer.from('x'), { 'content-type': 'video/quicktime' }), 415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE');
    expect(mediaFiles()).toEqual(files);
    expect((await catalogue()).revision).toBe(revision);
  });
});
