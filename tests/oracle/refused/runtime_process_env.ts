// Refused: an identifier bound only at run time (`process`, from Node's environment).
export const X = process.env.HOME;
