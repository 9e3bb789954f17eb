export const PRESETS = {
  hourly: "0 * * * *",
  daily: "0 0 * * *",
  weekly: "0 0 * * 0",
  monthly: "0 0 1 * *",
} as const;
export type Preset = keyof typeof PRESETS;
export type Expression = (typeof PRESETS)[Preset];
export type AtPreset = `@${Preset}`;
export type Schedule = { preset: Preset } | { cron: string };
export type ScheduleKeys = keyof Schedule;
