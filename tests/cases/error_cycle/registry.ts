interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

// A const defined in terms of itself (the evaluator's cycle check, not the read-before-
// declaration check, which a pair of consts would meet first).
const A: number = A + 1;
export const ITEMS = [
  { name: "x", ttlSec: A, kind: "a" },
] as const satisfies readonly Spec[];
