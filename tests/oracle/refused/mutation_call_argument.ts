// Refused: a function is given the object, and may change it (this one does).
const STATE = { count: 1 };
function bump(target: { count: number }) {
  target.count += 1;
}
bump(STATE);
export const X = STATE.count;
