// Refused: a var read before its declaration, where JavaScript reads `undefined`.
export const X = { first: LIMIT };
var LIMIT = 20;
