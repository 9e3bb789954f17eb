// Refused: a regular expression literal.
export const X = /ab+c/gi;
