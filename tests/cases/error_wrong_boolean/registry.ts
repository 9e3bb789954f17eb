interface Spec {
  name: string;
  enabled: boolean;
}
export const ITEMS = [{ name: "a", enabled: "yes" }] as const satisfies readonly Spec[];
