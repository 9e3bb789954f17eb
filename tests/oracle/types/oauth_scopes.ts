export const SCOPES = {
  read: ["repo:read", "user:read"],
  write: ["repo:write"],
  admin: ["org:admin", "repo:delete"],
} as const;
export type ScopeGroup = keyof typeof SCOPES;
export type Scope = (typeof SCOPES)[ScopeGroup][number];
export type Resource = Scope extends `${infer R}:${string}` ? R : never;
export type Verb = Scope extends `${string}:${infer V}` ? V : never;
