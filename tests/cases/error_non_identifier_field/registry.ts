interface Spec {
  name: string;
  "²": string;
}
export const ITEMS = [{ name: "x", "²": "squared" }] as const satisfies readonly Spec[];
