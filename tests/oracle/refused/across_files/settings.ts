const STARTED = Date.now();
export const SETTINGS = { ttl: STARTED * 60, name: "settings" };
