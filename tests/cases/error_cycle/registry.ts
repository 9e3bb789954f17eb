interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

const A: number = B + 1;
const B: number = A + 1;
export const ITEMS = [
  { name: "x", ttlSec: A, kind: "a" },
] as const satisfies readonly Spec[];
