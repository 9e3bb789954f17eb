// Refused: consts in two files that import each other.
import { B } from "./other";
export const A: number = B + 1;
export const X = A;
