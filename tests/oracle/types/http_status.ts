/** HTTP status codes this service answers with. */
export const STATUS = {
  OK: 200,
  Created: 201,
  NoContent: 204,
  NotFound: 404,
  Conflict: 409,
  TooManyRequests: 429,
} as const;

/** Any status code above. */
export type StatusCode = (typeof STATUS)[keyof typeof STATUS];

/** Where a request may be retried. */
export type RetryPolicy = "never" | "idempotent" | "always";
