interface Spec {
  name: string;
  n: number;
}
export const ITEMS = [{ name: "a", n: 10n + 1 }] as const satisfies readonly Spec[];
