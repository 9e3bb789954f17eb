export const STATUS_CODE = {
  OK: 200,
  NotFound: 404,
  InternalServerError: 500,
} as const;
export type StatusCode = (typeof STATUS_CODE)[keyof typeof STATUS_CODE];
export const STATUS_TEXT = {
  [STATUS_CODE.OK]: "OK",
  [STATUS_CODE.NotFound]: "Not Found",
  [STATUS_CODE.InternalServerError]: "Internal Server Error",
} as const;
export type StatusText = (typeof STATUS_TEXT)[keyof typeof STATUS_TEXT];
export type TextKey = keyof typeof STATUS_TEXT;
export const BY_NUMBER = { 1: "one", 2: "two", "3": "three" } as const;
export type NumberKeys = keyof typeof BY_NUMBER;
export const TYPED: Record<StatusCode, string> = {
  200: "ok",
  404: "missing",
  500: "broken",
};
export type TypedKeys = keyof typeof TYPED;
