export type Severity = "off" | "warn" | "error";
export type SeverityLevel = 0 | 1 | 2;
export const RULES = {
  "no-console": "warn",
  "no-debugger": "error",
  eqeqeq: ["error", "always"],
  "max-len": ["warn", { code: 100 }],
} as const;
export type RuleName = keyof typeof RULES;
export type RuleEntry = (typeof RULES)[RuleName];
export type Simple = { [K in RuleName]: (typeof RULES)[K] extends string ? K : never }[RuleName];
export type Configurable = Exclude<RuleName, Simple>;
export interface RuleMeta { docs?: { url: string; recommended?: boolean }; fixable?: "code" | "whitespace" }
export type Fixable = NonNullable<RuleMeta["fixable"]>;
