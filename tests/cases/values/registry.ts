import { HOUR, LIMITS, type Level } from "./index";

const BIG = 2 ** 53;
const MASK = 0xff_ff;

/** An item of the test registry. */
interface ItemSpec {
  /** Unique name. */
  name: string;
  /** Optional free text. */
  note?: string;
  /** Severity, via an imported alias. */
  level: Level;
  /** Inline literal union. */
  kind: "a" | "b";
  /** Integral values only. */
  period: number;
  /** Some values are fractional. */
  ratio: number;
  /** Nullable, not optional. */
  limit: number | null;
  /** A Python keyword as a field name. */
  class: string;
  /** Nested numbers. */
  weights: readonly number[];
  /** Flags. */
  enabled: boolean;
  /** Optional list. */
  tags?: ReadonlyArray<string>;
  handler: (x: number) => number;
}

export const ITEMS = [
  {
    name: "first",
    level: "low",
    kind: "a",
    period: 2 * (HOUR + 30),
    ratio: LIMITS.soft,
    limit: null,
    class: 'say "hi"\n\ttabbed\u2028sep',
    weights: [1, 2.5, -0, 1e21],
    enabled: true,
    handler: (x) => x + 1,
  },
  {
    name: `second`,
    note: "it's \u{1F600} and \x41",
    level: "high",
    kind: "b",
    period: -HOUR,
    ratio: LIMITS.hard / 3,
    limit: MASK,
    class: "'''\"\"\"",
    weights: [],
    enabled: !true,
    tags: ["x", "y"],
    handler(x) {
      return x;
    },
  },
  {
    name: "third",
    level: "low",
    kind: "a",
    period: BIG - 1 + 2,
    ratio: 0.1 + 0.2,
    limit: 1_000,
    class: "",
    weights: [NaN, Infinity, -Infinity],
    enabled: false,
    tags: [],
    handler: function (x) {
      return x;
    },
  },
] as const satisfies readonly ItemSpec[];
