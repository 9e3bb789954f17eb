interface Spec {
  name: string;
  __secret: string;
}
export const ITEMS = [{ name: "x", __secret: "a" }] as const satisfies readonly Spec[];
