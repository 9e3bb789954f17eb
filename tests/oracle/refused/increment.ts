// Refused: `++`, which modifies its operand.
const COUNTER = { n: 1 };
export const X = COUNTER.n++;
