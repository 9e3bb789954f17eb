export const ROUTES = {
  home: "/",
  user: "/users/:id",
  post: "/users/:id/posts/:postId",
} as const;
export type RouteName = keyof typeof ROUTES;
export type Path = (typeof ROUTES)[RouteName];
type Param<S> = S extends `${string}:${infer P}/${infer Rest}` ? P | Param<`/${Rest}`> : S extends `${string}:${infer P}` ? P : never;
export type UserParams = Param<(typeof ROUTES)["user"]>;
export type PostParams = Param<(typeof ROUTES)["post"]>;
