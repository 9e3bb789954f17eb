interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

export const ITEMS = [
  { name: Date.now(), ttlSec: UNKNOWN, kind: "a" + 1 },
] as const satisfies readonly Spec[];
