// Refused: a call to a function that is not allowlisted (only Object.freeze is).
export const X = Math.max(1, 2);
