// Refused: an import from a package instead of a relative file.
import { VERSION } from "lodash";
export const X = VERSION;
