interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

export const ITEMS = [
  { name: "a", ttlSec: 1.5, kind: "a" },
] as const satisfies readonly Spec[];
