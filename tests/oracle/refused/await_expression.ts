// Refused: a top-level `await`.
export const X = await 1;
