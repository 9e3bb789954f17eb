interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

export const ITEMS = [
  { name: "same", ttlSec: 1, kind: "a" },
  { name: "other", ttlSec: 1, kind: "a" },
  { name: "same", ttlSec: 2, kind: "b" },
] as const satisfies readonly Spec[];
