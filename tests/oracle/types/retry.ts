export interface RetryPolicy {
  maxAttempts: number;
  backoff: "fixed" | "exponential";
  /** Jitter in milliseconds. */
  jitterMs?: number;
  retryOn: readonly (408 | 429 | 500 | 502 | 503 | 504)[];
}
export type Backoff = RetryPolicy["backoff"];
export type RetryStatus = RetryPolicy["retryOn"][number];
export type PolicyKey = keyof RetryPolicy;
export type OptionalPolicy = Partial<RetryPolicy>;
export type WithoutJitter = Omit<RetryPolicy, "jitterMs">;
export const DEFAULT_POLICY: RetryPolicy = {
  maxAttempts: 3,
  backoff: "exponential",
  retryOn: [429, 503],
};
export type DefaultPolicy = typeof DEFAULT_POLICY;
