/** Attribute names for HTTP spans. */
export const ATTR_HTTP_REQUEST_METHOD = "http.request.method" as const;
export const ATTR_HTTP_RESPONSE_STATUS_CODE = "http.response.status_code" as const;
export const ATTR_URL_FULL = "url.full" as const;
export const HTTP_REQUEST_METHOD_VALUE_GET = "GET" as const;
export const HTTP_REQUEST_METHOD_VALUE_POST = "POST" as const;
export type HttpAttribute =
  | typeof ATTR_HTTP_REQUEST_METHOD
  | typeof ATTR_HTTP_RESPONSE_STATUS_CODE
  | typeof ATTR_URL_FULL;
export type HttpMethodValue = typeof HTTP_REQUEST_METHOD_VALUE_GET | typeof HTTP_REQUEST_METHOD_VALUE_POST;
export type Namespace = HttpAttribute extends `${infer N}.${string}` ? N : never;
