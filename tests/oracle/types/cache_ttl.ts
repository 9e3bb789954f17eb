const MINUTE = 60;
const HOUR = 60 * MINUTE;
export const TTL = {
  session: 30 * MINUTE,
  profile: 6 * HOUR,
  catalog: 24 * HOUR,
} as const;
export type CacheName = keyof typeof TTL;
export type Seconds = (typeof TTL)[CacheName];
export const LIMITS = { burst: 20, sustained: 5 };
export type Limits = typeof LIMITS;
export type LimitValue = Limits[keyof Limits];
