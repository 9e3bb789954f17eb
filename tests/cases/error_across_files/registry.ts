import { TTL } from "./consts";
interface Spec {
  /** Unique name. */
  name: string;
  /** Cache lifetime. */
  ttlSec: number;
  /** Kind. */
  kind: "a" | "b";
}

export const ITEMS = [
  { name: "x", ttlSec: TTL, kind: "a" },
] as const satisfies readonly Spec[];
