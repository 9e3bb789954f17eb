import { A } from "./main";
export const B = A + 1;
