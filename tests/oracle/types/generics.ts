export const CODES = { ok: 0, warn: 1, fail: 2 } as const;
type InvertKeyValue<T extends Record<PropertyKey, PropertyKey>> = {
  [K in keyof T as T[K]]: K;
};
export type CodeNames = InvertKeyValue<typeof CODES>;
export type Getters<T> = { [K in keyof T as `get${Capitalize<string & K>}`]: () => T[K] };
export type CodeGetters = Getters<typeof CODES>;
type Box<T> = { value: T; label?: string };
export type NumberBox = Box<number>;
export type Boxes = Box<"a" | "b">["value"];
export interface Page<T, M = { total: number }> { items: readonly T[]; meta: M }
export type NamePage = Page<string>;
export type Defaulted<T = "x"> = T | "y";
export type UseDefault = Defaulted;
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type LooseCodes = Mutable<typeof CODES>;
export type Opt<T> = { [K in keyof T]?: T[K] };
export type OptionalCodes = Opt<typeof CODES>;
export type Req<T> = { [K in keyof T]-?: T[K] };
export type ReqMessages = Req<{ a?: 1; b: 2 }>;
