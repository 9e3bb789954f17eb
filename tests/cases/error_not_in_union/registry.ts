interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

export const ITEMS = [
  { name: "x", ttlSec: 1, kind: "c" },
] as const satisfies readonly Spec[];
