export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type Method = (typeof METHODS)[number];
export type Safe = Extract<Method, "GET" | "HEAD" | "OPTIONS">;
export type Unsafe = Exclude<Method, Safe>;
export type LowerMethod = Lowercase<Method>;
export type Route = `${Safe} /health`;
export type MethodCount = (typeof METHODS)["length"];
