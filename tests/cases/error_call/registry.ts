interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

export const ITEMS = [
  { name: `x-${Math.random()}`, ttlSec: 1, kind: "a" },
] as const satisfies readonly Spec[];
