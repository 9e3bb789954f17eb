export enum ErrorCode {
  GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED",
  BAD_USER_INPUT = "BAD_USER_INPUT",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}
export type ClientError = Extract<`${ErrorCode}`, `GRAPHQL_${string}` | "BAD_USER_INPUT">;
export type AuthError = ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN;
export interface GraphQLErrorExtensions { code: ErrorCode; http?: { status: 400 | 401 | 403 | 500 } }
export type Status = NonNullable<GraphQLErrorExtensions["http"]>["status"];
