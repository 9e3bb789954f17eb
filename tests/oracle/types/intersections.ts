interface Base { id: string; createdAt: number }
interface Named { name: string; id: string }
export type Entity = Base & Named;
export interface User extends Base, Named { role: "admin" | "member" }
export type Brandless = string & {};
export type Narrow = ("a" | "b" | 1) & string;
export type Nothing = "a" & "b";
export type Dict = { [key: string]: number };
export type DictValue = Dict["anything"];
export type NumDict = { [n: number]: "x" };
export type Keys = keyof NumDict;
export type Mixed = { a: 1 } & { b?: 2 };
