/** JSON-RPC error codes, as a provider documents them. */
export const RPC_ERRORS = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** The node is behind the chain head. */
  RESOURCE_UNAVAILABLE: -32002,
  LIMIT_EXCEEDED: -32005,
} as const;

export type RpcErrorName = keyof typeof RPC_ERRORS;
export type RpcErrorCode = (typeof RPC_ERRORS)[RpcErrorName];
export type ServerErrorName = Extract<RpcErrorName, "INTERNAL_ERROR" | "RESOURCE_UNAVAILABLE" | "LIMIT_EXCEEDED">;
export type ClientErrorName = Exclude<RpcErrorName, ServerErrorName>;
export type Retryable = (typeof RPC_ERRORS)["RESOURCE_UNAVAILABLE" | "LIMIT_EXCEEDED"];
