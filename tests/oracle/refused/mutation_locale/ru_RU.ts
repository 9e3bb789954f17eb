// The shape of a locale file: the messages are filled in after the declaration.
const ru_RU = {
  strings: {} as Record<string, string>,
  pluralize(n: number): string {
    return n % 10 === 1 && n % 100 !== 11 ? "one" : "many";
  },
};

ru_RU.strings = {
  hello: "Привет",
  bye: "Пока",
};

export default ru_RU;
