/** Severity of an error. */
export enum Level { Low = 1, High = 2 }
export enum Color { Red = "red", Blue = "blue" }
/** Where errors go. */
export type Channel = "email" | "pager";
const MINUTE = 60;
export const TIMEOUT = 5 * MINUTE;
export const NAMES = ["a", "b"] as const;
export const FLAGS = { beta: true, ratio: 0.5, nested: { x: [1, 2] }, fn: () => 1 } as const;
/** One error code. */
export interface ErrorSpec {
  /** HTTP status. */
  status: number;
  /** Severity. */
  level: Level;
  /** Notify via. */
  channel?: Channel;
  message: string;
}
export const ERRORS = {
  notFound: { status: 404, level: Level.Low, message: "Not found" },
  broken: { status: 500, level: Level.High, channel: "pager", message: "Broken \"badly\"" },
} as const satisfies Record<string, ErrorSpec>;
export function helper() { return 1; }
/** Routes, keyed by name. */
export const TIMEOUTS: Readonly<Record<string, number>> = { fast: 1, slow: 2.5 };
export const EMPTY = [] as const;
