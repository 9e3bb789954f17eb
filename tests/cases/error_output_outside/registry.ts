interface Spec {
  name: string;
}
export const ITEMS = [{ name: "a" }] as const satisfies readonly Spec[];
