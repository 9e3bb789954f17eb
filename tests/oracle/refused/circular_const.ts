// Refused: consts defined in terms of each other.
const A: number = B;
const B: number = A;
export const X = A;
