// Refused: a call two references away in another file (main -> SETTINGS -> STARTED -> Date.now()).
import { SETTINGS } from "./settings";
export const X = SETTINGS.ttl;
