export enum Isolation {
  ReadUncommitted = "READ UNCOMMITTED",
  ReadCommitted = "READ COMMITTED",
  RepeatableRead = "REPEATABLE READ",
  Serializable = "SERIALIZABLE",
}
export type IsolationValue = `${Isolation}`;
export type IsolationKey = keyof typeof Isolation;
export type Strict = Isolation.Serializable | Isolation.RepeatableRead;
export type Statement = `SET TRANSACTION ISOLATION LEVEL ${Strict}`;
