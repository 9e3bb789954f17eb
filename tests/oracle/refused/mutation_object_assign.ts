// Refused: `Object.assign` copies into its first argument.
const DEFAULTS = { retries: 1, verbose: false };
Object.assign(DEFAULTS, { retries: 3 });
export const X = DEFAULTS;
