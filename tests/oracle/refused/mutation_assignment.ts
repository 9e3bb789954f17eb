// Refused: a later top-level statement assigns to a property, so the initializer is stale.
const LIMITS = { max: 10, min: 1 };
LIMITS.max = 20;
export const X = LIMITS.max;
