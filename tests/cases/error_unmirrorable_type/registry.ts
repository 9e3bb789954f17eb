interface Spec {
  name: string;
  weights: Record<string, number>;
  mixed: string | number;
}
export const ITEMS = [{ name: "a", weights: { x: 1 }, mixed: 1 }] as const satisfies readonly Spec[];
