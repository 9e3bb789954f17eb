interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

let TTL = 5;
TTL = 6;
export const ITEMS = [
  { name: "x", ttlSec: TTL, kind: "a" },
] as const satisfies readonly Spec[];
