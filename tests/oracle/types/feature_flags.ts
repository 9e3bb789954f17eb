export const FLAGS = {
  darkMode: "dark-mode",
  betaSearch: "beta-search",
  newCheckout: "new-checkout",
  legacyExport: "legacy-export",
} as const;
export type FlagKey = (typeof FLAGS)[keyof typeof FLAGS];
export type Stage = "alpha" | "beta" | "ga" | "deprecated";
export type Rollout = 0 | 0.25 | 0.5 | 1;
