// Refused: optional chaining `a?.b`.
const CONFIG = { nested: { value: 1 } };
export const X = CONFIG?.nested;
