// Refused: a top-level call runs a function whose body changes the const.
const MESSAGES = { greeting: "" };

function init(): void {
  MESSAGES.greeting = "hello";
}

init();
export const X = MESSAGES.greeting;
