// Refused: a class expression used as an operand of arithmetic.
export const X = (class Point {}) + 1;
