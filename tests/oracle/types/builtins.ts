export type Lookup = Map<string, number>;
export type Tags = Set<"a" | "b">;
export type Pattern = RegExp;
export type Callback = (x: number) => void;
export interface Api { get(path: string): void; base: string }
export type ApiKeys = keyof Api;
export type ROArr = ReadonlyArray<"x" | "y">;
export type Arr = Array<number>;
