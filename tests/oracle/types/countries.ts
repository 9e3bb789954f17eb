export const COUNTRIES = [
  { code: "DE", name: "Germany", continent: "EU", dial: "+49" },
  { code: "FR", name: "France", continent: "EU", dial: "+33" },
  { code: "JP", name: "Japan", continent: "AS", dial: "+81" },
  { code: "BR", name: "Brazil", continent: "SA", dial: "+55" },
  { code: "CA", name: "Canada", continent: "NA", dial: "+1" },
] as const;
export type CountryCode = (typeof COUNTRIES)[number]["code"];
export type Continent = (typeof COUNTRIES)[number]["continent"];
export type European = Extract<(typeof COUNTRIES)[number], { continent: "EU" }>["code"];
export type LowerCode = Lowercase<CountryCode>;
export type Flag = `flag-${Lowercase<CountryCode>}`;
