interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

const HOUR = 3600;
export const ITEMS = [
  { name: "x", ttlSec: 6 * HOURS, kind: "a" },
] as const satisfies readonly Spec[];
