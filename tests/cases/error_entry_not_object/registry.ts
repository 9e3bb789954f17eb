interface Spec {
  name: string;
}
export const ITEMS = [{ name: "a" }, "b"] as const satisfies readonly Spec[];
