interface Spec {
  compute(now: number): number;
}
export const ITEMS = [{ compute: (now: number) => now }] as const satisfies readonly Spec[];
