// Refused: a tagged template, which calls its tag function.
const tag = (strings: TemplateStringsArray): string => strings[0];
export const X = tag`hello`;
