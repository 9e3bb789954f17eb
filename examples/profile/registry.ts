/**
 * Profile-feature registry: the single source of truth for per-user profile
 * features. Values are computed here because the data lives in the TS-owned
 * SQLite DB; `generated/profile_schema.py` mirrors the declarative fields for
 * Python (run `make regen` after editing this file).
 */
import { SUBJECTS } from "../bus/subjects";

/** The slice of the SQLite driver's API that features use. */
interface Database {
  prepare(sql: string): { get(...params: unknown[]): unknown };
}

const HOUR = 3600;
const DAY = 86_400;
const WINDOW_MS = 30 * DAY * 1000;

export type Dtype = "numeric" | "categorical";
export type Freshness = "jit" | "batched";

export interface ProfileFeatureSpec {
  /** Stable identifier; the key of the value in `profile_features` payloads. */
  readonly name: string;
  /** Value type as seen by consumers. */
  readonly dtype: Dtype;
  /** Human-readable meaning of the value. */
  readonly description: string;
  /** "jit": computed on every read; "batched": cached in the profile store, recomputed on TTL or event. */
  readonly freshness: Freshness;
  /** Cache lifetime in seconds. */
  readonly ttlSec: number;
  /** Where the value originates. */
  readonly source: string;
  /** Raw value returned when the feature is unavailable (null stored). */
  readonly fallback: string;
  /** Bus event subjects that trigger recompute for the affected user; empty means TTL-only refresh. */
  readonly invalidatedBy?: readonly string[];
  /** Computes the value for one user at `now` (epoch ms); null when there is no data. */
  compute(db: Database, userId: string, now: number): number | null;
}

function reactionRate(db: Database, userId: string, now: number, reaction: string): number | null {
  const row = db
    .prepare(
      `SELECT COUNT(*) AS served, SUM(reaction = ?) AS hits
         FROM tip_events WHERE user_id = ? AND served_at >= ?`,
    )
    .get(reaction, userId, now - WINDOW_MS) as { served: number; hits: number | null };
  return row.served === 0 ? null : (row.hits ?? 0) / row.served;
}

export const PROFILE_FEATURES = [
  {
    name: "completion_rate_30d",
    dtype: "numeric",
    description: 'Fraction of tips served in the last 30 days that received a "done" reaction.',
    freshness: "batched",
    ttlSec: 6 * HOUR,
    source: "profile_store",
    fallback: "0.0",
    invalidatedBy: [SUBJECTS.tipFeedback],
    compute: (db, userId, now) => reactionRate(db, userId, now, "done"),
  },
  {
    name: "dismiss_rate_30d",
    dtype: "numeric",
    description: 'Fraction of tips served in the last 30 days that received a "dismiss" reaction.',
    freshness: "batched",
    ttlSec: 6 * HOUR,
    source: "profile_store",
    fallback: "0.0",
    invalidatedBy: [SUBJECTS.tipFeedback],
    compute: (db, userId, now) => reactionRate(db, userId, now, "dismiss"),
  },
  {
    name: "mean_dwell_ms_30d",
    dtype: "numeric",
    description: "Average dwell time (ms between served and reacted) over the last 30 days.",
    freshness: "batched",
    ttlSec: 6 * HOUR,
    source: "profile_store",
    fallback: "null — serving normalises to 0.0",
    invalidatedBy: [SUBJECTS.tipFeedback],
    compute(db, userId, now) {
      const row = db
        .prepare(
          `SELECT AVG(reacted_at - served_at) AS dwell
             FROM tip_events WHERE user_id = ? AND served_at >= ? AND reacted_at IS NOT NULL`,
        )
        .get(userId, now - WINDOW_MS) as { dwell: number | null };
      return row.dwell;
    },
  },
  {
    name: "preferred_hour",
    dtype: "numeric",
    description: 'Hour-of-day with the most "done" reactions in the last 30 days (0–23).',
    freshness: "batched",
    ttlSec: DAY,
    source: "profile_store",
    fallback: "null — serving normalises to 0.5 (neutral alignment)",
    invalidatedBy: [SUBJECTS.tipFeedback],
    compute(db, userId, now) {
      const row = db
        .prepare(
          `SELECT CAST(strftime('%H', reacted_at / 1000, 'unixepoch') AS INTEGER) AS hour, COUNT(*) AS n
             FROM tip_events WHERE user_id = ? AND reaction = 'done' AND served_at >= ?
             GROUP BY hour ORDER BY n DESC, hour ASC LIMIT 1`,
        )
        .get(userId, now - WINDOW_MS) as { hour: number } | undefined;
      return row?.hour ?? null;
    },
  },
  {
    name: "tip_volume_30d",
    dtype: "numeric",
    description: "Number of tips served to the user in the last 30 days.",
    freshness: "batched",
    ttlSec: HOUR,
    source: "profile_store",
    fallback: "0",
    invalidatedBy: [SUBJECTS.tipServed],
    compute: (db, userId, now) => {
      const row = db
        .prepare("SELECT COUNT(*) AS n FROM tip_events WHERE user_id = ? AND served_at >= ?")
        .get(userId, now - WINDOW_MS) as { n: number };
      return row.n;
    },
  },
] as const satisfies readonly ProfileFeatureSpec[];
