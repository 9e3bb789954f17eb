// Refused: `push` on a nested array grows it after the declaration.
const REGISTRY = { names: ["a"] };
REGISTRY.names.push("b");
export const X = REGISTRY.names.length;
