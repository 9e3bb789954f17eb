// Refused: `??=` on a property sets it when it is missing, after the declaration.
const CACHE: { ttl?: number } = {};
CACHE.ttl ??= 60;
export const X = CACHE;
