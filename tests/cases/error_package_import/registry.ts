import { HOUR } from "time-constants";
interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

export const ITEMS = [
  { name: "x", ttlSec: HOUR, kind: "a" },
] as const satisfies readonly Spec[];
