interface Spec {
  fooBar: string;
  foo_bar: string;
}
export const ITEMS = [{ fooBar: "a", foo_bar: "b" }] as const satisfies readonly Spec[];
