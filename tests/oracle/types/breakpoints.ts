export const BREAKPOINTS = { sm: 640, md: 768, lg: 1024, xl: 1280, "2xl": 1536 } as const;
export type Breakpoint = keyof typeof BREAKPOINTS;
export type Width = (typeof BREAKPOINTS)[Breakpoint];
export type Responsive<T> = T | Partial<Record<Breakpoint, T>>;
export type ResponsiveSize = Responsive<"s" | "m">;
export type MediaQuery = `@media (min-width: ${Width}px)`;
