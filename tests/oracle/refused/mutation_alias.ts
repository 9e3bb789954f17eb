// Refused: the object changes through another name bound to it.
const SETTINGS = { theme: "light", size: 2 };
const current = SETTINGS;
current.theme = "dark";
export const X = SETTINGS;
