export const CHANNEL = {
  email: "email",
  sms: "sms",
  push: "push",
  webhook: "webhook",
} as const;

/** A delivery channel. */
export type Channel = (typeof CHANNEL)[keyof typeof CHANNEL];

export type Priority = 1 | 2 | 3 | -1;
export type Toggle = true | false;
export type Quoted = "it's" | 'say "hi"' | "tab\there" | "\u00e9t\u00e9";
