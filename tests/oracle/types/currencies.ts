export const CURRENCIES = {
  USD: { symbol: "$", minor: 2 },
  EUR: { symbol: "€", minor: 2 },
  JPY: { symbol: "¥", minor: 0 },
  KWD: { symbol: "KD", minor: 3 },
} as const;
export type Currency = keyof typeof CURRENCIES;
export type MinorUnits = (typeof CURRENCIES)[Currency]["minor"];
export type ZeroDecimal = { [C in Currency]: (typeof CURRENCIES)[C]["minor"] extends 0 ? C : never }[Currency];
export type Money = { amount: number; currency: Currency };
export type Pair = `${Currency}/${Currency}`;
