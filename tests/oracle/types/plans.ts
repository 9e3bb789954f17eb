export const PLANS = {
  free: { seats: 1, storageGb: 5, support: "community" },
  team: { seats: 10, storageGb: 100, support: "email" },
  enterprise: { seats: 1000, storageGb: 10000, support: "dedicated" },
} as const;
export type Plan = keyof typeof PLANS;
export type Support = (typeof PLANS)[Plan]["support"];
export type Seats = (typeof PLANS)[Plan]["seats"];
export type Paid = Exclude<Plan, "free">;
export type Upgrade = { [P in Plan]: { from: P } }[Plan];
