// Refused: a `let` that is reassigned later in the file, so its initializer is not its value.
let LIMIT = 1;
export const X = LIMIT * 10;
LIMIT = 2;
