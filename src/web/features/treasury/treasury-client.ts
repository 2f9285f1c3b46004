/**
 * Calls to the treasurer's HTTP API, each reply parsed with its shared schema. JSON calls go
 * through `callApi`; a bank statement is sent as the raw request body by `uploadStatement`, with the
 * same CSRF token and language header `callApi` sends, and its failures as the same `ApiFailure`.
 */
import { z } from 'zod';
import { csrfHeaderName } from '../../../shared/accounts-api.js';
import { ApiErrorSchema } from '../../../shared/api.js';
import { FinancesViewSchema } from '../../../shared/finances-api.js';
import { BankLineSchema, PaymentOutcomeSchema, StatementImportSchema, TreasuryInvoiceSchema } from '../../../shared/invoices-api.js';
import { ApiFailure, callApi, csrfToken } from '../../app/api.js';
import { currentLanguage } from '../../app/intl/language.js';

export type TreasuryInvoice = z.infer<typeof TreasuryInvoiceSchema>;
export type BankLine = z.infer<typeof BankLineSchema>;
export type StatementImport = z.infer<typeof StatementImportSchema>;
export type PaymentOutcome = z.infer<typeof PaymentOutcomeSchema>;

/** A cost or an income the treasurer records (`POST /api/operator/finance-entries`). */
export interface FinanceEntry {
  bookedOn: string;
  direction: 'income' | 'expense';
  category: string;
  description: string;
  moneyMinor: string;
  creditMinor: string;
}

const InvoicesSchema = z.object({ invoices: z.array(TreasuryInvoiceSchema) });
const BankLinesSchema = z.object({ lines: z.array(BankLineSchema) });

const post = (body?: unknown) => ({ method: 'POST', body });

export const treasuryApi = {
  invoices: (status: 'open' | 'paid') => callApi(InvoicesSchema, `/api/operator/invoices?status=${status}`).then((reply) => reply.invoices),
  recordPayment: (number: string, amountMinor: string, note: string) =>
    callApi(
      PaymentOutcomeSchema,
      `/api/operator/invoices/${encodeURIComponent(number)}/payments`,
      post({ amountMinor, currency: 'EUR', note }),
    ),
  bankLines: () => callApi(BankLinesSchema, '/api/operator/bank-lines').then((reply) => reply.lines),
  assignLine: (bankLineId: string, invoiceNumber: string) =>
    callApi(PaymentOutcomeSchema, '/api/operator/bank-lines/assign', post({ bankLineId, invoiceNumber })),
  ignoreLine: (bankLineId: string) => callApi(undefined, '/api/operator/bank-lines/ignore', post({ bankLineId })),
  recordEntry: (entry: FinanceEntry) => callApi(undefined, '/api/operator/finance-entries', post(entry)),
  /** The credits' name and scale, from the finances report (operators are members). */
  creditUnit: () => callApi(FinancesViewSchema, '/api/coop/finances').then((view) => view.credit),
};

/**
 * Sends a statement file as the raw body of `POST /api/operator/bank-statements?name=…` with
 * `contentType`, and parses what the import did. Throws `ApiFailure` as `callApi` does.
 */
export async function uploadStatement(file: Blob, name: string, contentType: string): Promise<StatementImport> {
  const headers: Record<string, string> = { 'content-type': contentType, 'accept-language': currentLanguage.peek() };
  const token = csrfToken.peek();
  if (token) headers[csrfHeaderName] = token;
  let response: Response;
  try {
    response = await fetch(`/api/operator/bank-statements?name=${encodeURIComponent(name.slice(0, 200))}`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiFailure(0, 'network_error', 'The server cannot be reached. Check your connection.');
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = ApiErrorSchema.safeParse(json);
    if (error.success) throw new ApiFailure(response.status, error.data.error.code, error.data.error.message);
    throw new ApiFailure(response.status, 'unexpected_response', `The server answered ${response.status}.`);
  }
  const parsed = StatementImportSchema.safeParse(json);
  if (!parsed.success) throw new ApiFailure(response.status, 'unexpected_response', 'The server’s answer could not be read.');
  return parsed.data;
}
