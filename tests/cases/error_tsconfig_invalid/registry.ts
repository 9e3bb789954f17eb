import { N } from "@lib/consts";
interface Spec {
  name: string;
  n: number;
}
export const ITEMS = [{ name: "a", n: N }] as const satisfies readonly Spec[];
