export const MIME = {
  "application/json": { extensions: ["json"], compressible: true },
  "text/html": { extensions: ["html", "htm"], compressible: true },
  "image/png": { extensions: ["png"], compressible: false },
} as const;
export type MimeType = keyof typeof MIME;
export type Extension = (typeof MIME)[MimeType]["extensions"][number];
export type TopLevel = MimeType extends `${infer T}/${string}` ? T : never;
export type Compressible = { [K in MimeType]: (typeof MIME)[K]["compressible"] extends true ? K : never }[MimeType];
