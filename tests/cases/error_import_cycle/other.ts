import { A } from "./registry";
export const B = A * 2;
