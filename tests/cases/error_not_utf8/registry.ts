interface Spec {
  name: string;
}
export const ITEMS = [{ name: "café" }] as const satisfies readonly Spec[];
