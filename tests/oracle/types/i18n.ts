export const LOCALES = {
  en: { name: "English", dir: "ltr" },
  ar: { name: "العربية", dir: "rtl" },
  de: { name: "Deutsch", dir: "ltr" },
} as const;
export type Locale = keyof typeof LOCALES;
export type Direction = (typeof LOCALES)[Locale]["dir"];
export type LocaleName = (typeof LOCALES)[keyof typeof LOCALES]["name"];

type ValueOf<T> = T[keyof T];
export type LocaleInfo = ValueOf<typeof LOCALES>;

export interface Messages {
  greeting: string;
  farewell?: string;
  /** Plural forms. */
  items: { one: string; other: string };
}
export type MessageKey = keyof Messages;
export type PartialMessages = Partial<Messages>;
export type Catalog = Record<Locale, Messages>;
export type RequiredMessages = Required<Messages>;
export type Greeting = Pick<Messages, "greeting">;
export type NoItems = Omit<Messages, "items">;
