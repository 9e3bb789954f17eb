export const EVENTS = {
  signup: { category: "auth", value: 10 },
  login: { category: "auth", value: 1 },
  purchase: { category: "commerce", value: 100 },
  refund: { category: "commerce", value: -100 },
} as const;
export type EventName = keyof typeof EVENTS;
export type Category = (typeof EVENTS)[EventName]["category"];
type EventsIn<C> = { [E in EventName]: (typeof EVENTS)[E]["category"] extends C ? E : never }[EventName];
export type AuthEvents = EventsIn<"auth">;
export type Negative = { [E in EventName]: `${(typeof EVENTS)[E]["value"]}` extends `-${string}` ? E : never }[EventName];
