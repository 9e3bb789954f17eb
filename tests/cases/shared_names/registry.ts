// A type and a value may share a name in TypeScript; constants that Python would
// treat specially (`__annotations__`) are printed as plain literals instead.
const Lvl = 3;
type Lvl = "a" | "b";
const _annotations__ = 3600;
const _str = 2;

interface Spec {
  level: Lvl;
  n: number;
  m: number;
}

export const ITEMS = [
  { level: "a", n: 2 * _annotations__, m: _str * Lvl },
] as const satisfies readonly Spec[];
