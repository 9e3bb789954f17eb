export const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"] as const;
export type Zone = (typeof ZONES)[number];
export type Area = Zone extends `${infer A}/${string}` ? A : Zone;
export type City = Zone extends `${string}/${infer C}` ? C : never;
export type Offsets = Record<Zone, number>;
export type OffsetKeys = keyof Offsets;
