export const ACTIONS = ["create", "read", "update", "delete"] as const;
export const SUBJECTS = ["Post", "Comment", "User"] as const;
export type Action = (typeof ACTIONS)[number];
export type Subject = (typeof SUBJECTS)[number];
export type Permission = `${Subject}:${Action}`;
export type Matrix = { [S in Subject]: { [A in Action]?: boolean } };
export type ReadOnly = Extract<Permission, `${string}:read`>;
