export const EMOJI = {
  smile: "😄",
  heart: "❤️",
  rocket: "🚀",
  flag_jp: "🇯🇵",
} as const;
export type Shortcode = keyof typeof EMOJI;
export type Glyph = (typeof EMOJI)[Shortcode];
export type Colon = `:${Shortcode}:`;
