export const MINUTE = 60;
export const HOUR = 60 * MINUTE;
export type Level = "low" | "high";
export const LIMITS = { soft: 0.75, hard: 1 } as const;
