// Refused: a nested object, taken out by destructuring, is changed.
const CONFIG = { retry: { attempts: 1 }, name: "svc" };
const { retry } = CONFIG;
retry.attempts = 5;
export const X = CONFIG.retry.attempts;
