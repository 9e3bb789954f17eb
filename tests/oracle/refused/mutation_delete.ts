// Refused: `delete` removes a property after the declaration.
const FLAGS: { beta?: boolean; dark: boolean } = { beta: true, dark: false };
delete FLAGS.beta;
export const X = FLAGS;
