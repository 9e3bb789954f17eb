// Refused: an array hole (elision), which is not the same as `undefined`.
export const X = [1, , 2];
