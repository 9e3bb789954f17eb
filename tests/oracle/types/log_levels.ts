export enum LogLevel {
  Trace = 10,
  Debug = 20,
  Info = 30,
  Warn = 40,
  Error = 50,
  Fatal = 60,
}
export type LevelName = keyof typeof LogLevel;
export type LowerLevel = Lowercase<LevelName>;
export type Loud = LogLevel.Error | LogLevel.Fatal;
export const DEFAULT_LEVEL = LogLevel.Info;
export type Default = typeof DEFAULT_LEVEL;
export type LevelMap = Record<LowerLevel, LogLevel>;
