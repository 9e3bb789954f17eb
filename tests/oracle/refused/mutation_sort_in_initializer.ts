// Refused: `sort` sorts in place, here inside another const's initializer.
const ITEMS = [3, 1, 2];
const SORTED = ITEMS.sort();
export const X = ITEMS;
