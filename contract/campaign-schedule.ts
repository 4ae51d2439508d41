import { z } from 'zod';
import { ZoneSchema, type Zone } from './admin-settings.ts';
import { LocalizedTextSchema } from './locale.ts';

/** China Standard Time: schedule times are wall-clock times of the exhibition hall. */
export const DEFAULT_SCHEDULE_OFFSET_MINUTES = 480;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (00:00–23:59)');

/**
 * A daily window in which a campaign plays (on top of its startsAt/endsAt dates): weekdays
 * (ISO 1 = Monday … 7 = Sunday; absent = every day) and a time range `from`–`to` in the hall's
 * local time (`utcOffsetMinutes`, default +08:00). `to` before `from` runs past midnight.
 */
export const CampaignScheduleSchema = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
  from: HHMM.optional(),
  to: HHMM.optional(),
  utcOffsetMinutes: z.number().int().min(-720).max(840).optional(),
});
export type CampaignSchedule = z.infer<typeof CampaignScheduleSchema>;

/** A live-stream slot (the hall's live-stream zone) announced on the attract screen. */
export const LiveStreamSchema = z.object({
  id: z.string().min(1).max(64),
  title: LocalizedTextSchema,
  host: LocalizedTextSchema.optional(),
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
  /** Zones whose kiosks announce it (absent = every zone). */
  zones: z.array(ZoneSchema).max(4).optional(),
});
export type LiveStream = z.infer<typeof LiveStreamSchema>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `now` falls in a daily window, in the window's own UTC offset (so the kiosk's own time zone setting does not matter). */
export function inDailyWindow(s: CampaignSchedule, now: number): boolean {
  const local = new Date(now + (s.utcOffsetMinutes ?? DEFAULT_SCHEDULE_OFFSET_MINUTES) * 60_000);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const from = s.from === undefined ? 0 : minutesOf(s.from);
  const to = s.to === undefined ? 24 * 60 : minutesOf(s.to);
  // A window past midnight (22:00–02:00) belongs to the day it started on.
  const startedYesterday = from > to && minute < to;
  const day = startedYesterday ? (weekday === 1 ? 7 : weekday - 1) : weekday;
  if (s.days !== undefined && !s.days.includes(day)) return false;
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

export interface Schedulable {
  zones?: Zone[] | undefined;
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  schedule?: CampaignSchedule | undefined;
}

/**
 * Whether a campaign plays on a kiosk of `zone` at `now` (the kiosk's own clock: schedules work
 * offline). No zones = every zone; a kiosk with no zone plays every campaign.
 */
export function isScheduledNow(c: Schedulable, zone: Zone | undefined, now: number): boolean {
  if (zone !== undefined && c.zones !== undefined && c.zones.length > 0 && !c.zones.includes(zone)) return false;
  if (c.startsAt !== undefined && now < Date.parse(c.startsAt)) return false;
  if (c.endsAt !== undefined && now >= Date.parse(c.endsAt)) return false;
  return c.schedule === undefined || inDailyWindow(c.schedule, now);
}

/** The live streams a kiosk of `zone` announces at `now`: the one on air, and the next within `aheadMs`. */
export function liveStreamsAt(streams: readonly LiveStream[], zone: Zone | undefined, now: number, aheadMs = 12 * 3_600_000): { live: LiveStream | null; next: LiveStream | null } {
  const mine = streams.filter((s) => zone === undefined || s.zones === undefined || s.zones.length === 0 || s.zones.includes(zone));
  const live = mine.find((s) => Date.parse(s.startsAt) <= now && now < Date.parse(s.endsAt)) ?? null;
  const next = mine.filter((s) => Date.parse(s.startsAt) > now && Date.parse(s.startsAt) - now <= aheadMs).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0] ?? null;
  return { live, next };
}
