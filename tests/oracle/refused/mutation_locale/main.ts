// Refused: the default export of the locale file is changed after its declaration there.
import ru_RU from "./ru_RU";
export const X = ru_RU.strings;
