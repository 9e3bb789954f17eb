export const TTL = Date.now();
