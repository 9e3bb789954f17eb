// Refused: the module that imports the const changes it.
import { SETTINGS } from "./settings";
SETTINGS.mode = "fast";
export const X = SETTINGS.mode;
