import { B } from "./other";
interface Spec {
  name: string;
  n: number;
}
export const A = B + 1;
export const ITEMS = [{ name: "a", n: A }] as const satisfies readonly Spec[];
