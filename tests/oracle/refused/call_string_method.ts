// Refused: a method call on a string literal.
export const X = "a".toUpperCase();
