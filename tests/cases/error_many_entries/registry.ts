interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

export const ITEMS = [
  { name: "ok", ttlSec: 1, kind: "a" },
  { name: "x", ttlSec: "1", kind: "a" },
  { name: "y", ttlSec: 1, kind: "z" },
  { name: "z", ttl: 1, kind: "b" },
] as const satisfies readonly Spec[];
