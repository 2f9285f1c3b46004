/** The billing API's and pages' paths for an organisation (its slug) and an invoice (its number). */

const organisationApi = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}`;

/** The API paths of an organisation's billing: details, invoices, one invoice, its PDF and its credit payment. */
export const billingApi = {
  profile: (slug: string) => `${organisationApi(slug)}/billing-profile`,
  invoices: (slug: string) => `${organisationApi(slug)}/invoices`,
  invoice: (slug: string, number: string) => `${organisationApi(slug)}/invoices/${encodeURIComponent(number)}`,
  pdf: (slug: string, number: string) => `${billingApi.invoice(slug, number)}/pdf`,
  creditPayment: (slug: string, number: string) => `${billingApi.invoice(slug, number)}/credit-payment`,
};

/** The pages: the organisation's, its billing page, and one invoice's. */
export const billingPages = {
  organisation: (slug: string) => `/orgs/${encodeURIComponent(slug)}`,
  billing: (slug: string) => `/orgs/${encodeURIComponent(slug)}/billing`,
  invoice: (slug: string, number: string) => `/orgs/${encodeURIComponent(slug)}/invoices/${encodeURIComponent(number)}`,
};
