export const PALETTE = {
  red: { 50: "#fef2f2", 500: "#ef4444", 900: "#7f1d1d" },
  blue: { 50: "#eff6ff", 500: "#3b82f6", 900: "#1e3a8a" },
} as const;
export type Hue = keyof typeof PALETTE;
export type Shade = keyof (typeof PALETTE)["red"];
export type ColorToken = `${Hue}-${Shade}`;
export type Hex = (typeof PALETTE)[Hue][Shade];
