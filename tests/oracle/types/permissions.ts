export enum Role {
  Viewer = "viewer",
  Editor = "editor",
  Admin = "admin",
}
export enum Level {
  Low = 1,
  Medium,
  High = 10,
}
export type RoleName = keyof typeof Role;
export type RoleValue = `${Role}`;
export type AnyLevel = Level;
export type TopLevel = Level.High;
export type Grants = { [R in Role]: readonly string[] };
export type LevelNames = { [K in keyof typeof Level as `level_${K}`]: (typeof Level)[K] };
export type ReadOnlyGrants = Readonly<Grants>;
