// Refused: a global bound only at run time in a browser (`window`).
export const X = { origin: window };
