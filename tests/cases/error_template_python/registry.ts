interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

export const ITEMS = [
  { name: "x", ttlSec: 3600, kind: "a" },
] as const satisfies readonly Spec[];
