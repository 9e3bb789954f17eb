export const UNITS = ["ms", "s", "m", "h", "d"] as const;
export type Unit = (typeof UNITS)[number];
export type Duration = `${number}${Unit}`;
export type Preset = `${1 | 5 | 15}${"m" | "h"}`;
export type Big = 9007199254740993n | -1n;
export type Fraction = 0.1 | 0.25 | 1e21 | 1e-7;
