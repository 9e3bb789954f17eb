export const FILE_TYPES = {
  image: [".png", ".jpg", ".gif"],
  document: [".pdf", ".docx"],
  archive: [".zip"],
} as const;
export type FileKind = keyof typeof FILE_TYPES;
export type Extension = (typeof FILE_TYPES)[FileKind][number];
export type Invert<T extends Record<string, readonly string[]>> = { [K in keyof T as T[K][number]]: K };
export type ExtensionKind = Invert<typeof FILE_TYPES>;
