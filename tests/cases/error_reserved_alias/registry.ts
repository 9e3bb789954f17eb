type dataclass = "a" | "b";
interface Spec {
  name: string;
  kind: dataclass;
}
export const ITEMS = [{ name: "x", kind: "a" }] as const satisfies readonly Spec[];
