export const KEYS = {
  Enter: 13,
  Escape: 27,
  Space: 32,
  ArrowLeft: 37,
  ArrowUp: 38,
  ArrowRight: 39,
  ArrowDown: 40,
} as const;
export type Key = keyof typeof KEYS;
export type Arrow = Extract<Key, `Arrow${string}`>;
export type Direction = Arrow extends `Arrow${infer D}` ? Lowercase<D> : never;
export type KeyCode = (typeof KEYS)[Key];
export const BY_CODE = {
  [KEYS.Enter]: "Enter",
  [KEYS.Escape]: "Escape",
} as const;
export type ByCodeKey = keyof typeof BY_CODE;
