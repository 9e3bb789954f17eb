export const REGIONS = {
  "us-east-1": { name: "N. Virginia", zones: 6 },
  "eu-west-1": { name: "Ireland", zones: 3 },
  "ap-northeast-1": { name: "Tokyo", zones: 4 },
} as const;
export type Region = keyof typeof REGIONS;
export type Geography = Region extends `${infer G}-${string}-${number}` ? G : never;
export type Zone = `${Region}${"a" | "b"}`;
export type ZoneCount = (typeof REGIONS)[Region]["zones"];
