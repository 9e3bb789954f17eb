export const CHAINS = [
  { id: 1, name: "Ethereum", nativeCurrency: { symbol: "ETH", decimals: 18 }, testnet: false },
  { id: 10, name: "Optimism", nativeCurrency: { symbol: "ETH", decimals: 18 }, testnet: false },
  { id: 137, name: "Polygon", nativeCurrency: { symbol: "POL", decimals: 18 }, testnet: false },
  { id: 11155111, name: "Sepolia", nativeCurrency: { symbol: "ETH", decimals: 18 }, testnet: true },
] as const;
export type Chain = (typeof CHAINS)[number];
export type ChainId = Chain["id"];
export type ChainName = (typeof CHAINS)[number]["name"];
export type Symbol_ = Chain["nativeCurrency"]["symbol"];
export type Testnet = Extract<Chain, { testnet: true }>["name"];
export type Mainnet = Exclude<Chain, { testnet: true }>["id"];
