export const SETTINGS = { mode: "safe", level: 1 };
