// Refused: `forEach` never changes the array, but its callback changes each element.
const ROUTES = [{ path: "/", seen: false }];
ROUTES.forEach((route) => {
  route.seen = true;
});
export const X = ROUTES[0].seen;
