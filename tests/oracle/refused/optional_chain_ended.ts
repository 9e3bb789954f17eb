// `a?.b` ends its chain: reading on from a stored result throws in JS, as it does here.
const NUL = null;
const A = { a: NUL?.x };
export const X = A.a.y;
