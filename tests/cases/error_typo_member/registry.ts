const SUBJECTS = { tipFeedback: "signals.tip.feedback" } as const;

interface Spec {
  /** Unique name. */
  name: string;
  /** Subjects. */
  invalidatedBy?: readonly string[];
}

export const ITEMS = [
  { name: "x", invalidatedBy: [SUBJECTS.tipFeedbak] },
] as const satisfies readonly Spec[];
