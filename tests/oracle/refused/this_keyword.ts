// Refused: `this` at module level.
export const X = { self: this };
