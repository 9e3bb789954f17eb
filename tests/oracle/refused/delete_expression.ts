// Refused: `delete`, which modifies an object.
const OBJ: { a?: number } = { a: 1 };
export const X = delete OBJ.a;
