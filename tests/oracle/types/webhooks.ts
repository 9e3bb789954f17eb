export interface WebhookEvents {
  "invoice.paid": { invoiceId: string; amount: number };
  "invoice.failed": { invoiceId: string; reason: "card_declined" | "insufficient_funds" };
  "customer.created": { customerId: string };
}
export type WebhookName = keyof WebhookEvents;
export type InvoiceEvent = Extract<WebhookName, `invoice.${string}`>;
export type FailureReason = WebhookEvents["invoice.failed"]["reason"];
export type Envelope = { [E in WebhookName]: { type: E; data: WebhookEvents[E] } }[WebhookName];
export type EnvelopeType = Envelope["type"];
