/**
 * Bus subjects: the event names published on the internal message bus.
 *
 * Producers and consumers import these instead of spelling the strings out,
 * so a typo is a compile error rather than a silent miss.
 */
export const SUBJECTS = {
  /** A user reacted to a served tip ("done", "dismiss", ...). */
  tipFeedback: "signals.tip.feedback",
  /** A tip was served to a user. */
  tipServed: "signals.tip.served",
} as const;

export type Subject = (typeof SUBJECTS)[keyof typeof SUBJECTS];
