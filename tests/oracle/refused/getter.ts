// Refused: a getter in an object literal (reading it would run code).
export const X = { get value() { return 1; } };
