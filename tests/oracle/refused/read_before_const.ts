// Refused: a const read before its declaration, where JavaScript throws a ReferenceError.
export const X = { first: LIMITS.burst };
const LIMITS = { burst: 20 } as const;
