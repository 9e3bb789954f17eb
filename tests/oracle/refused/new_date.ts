// Refused: `new` (the value depends on when the code runs).
export const X = new Date();
