// Refused: `++` on a property, through a computed key.
const COUNTERS = { visits: 1 };
COUNTERS["visits"]++;
export const X = COUNTERS.visits;
