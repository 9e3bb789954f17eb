// Refused: an assignment expression used as a value.
const COUNTER = { n: 1 };
export const X = (COUNTER.n = 2);
