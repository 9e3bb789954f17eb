// Refused: a method of the object changes it through `this`, and an export reaches the object.
const COUNTER = {
  n: 0,
  bump() {
    this.n += 1;
  },
};
COUNTER.bump();
export const X = COUNTER.n;
