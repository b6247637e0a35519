/**
 * The per-request nonce the BFF writes into index.html (replacing the literal
 * placeholder). Style elements created at run time must carry it, because the
 * CSP allows only `style-src 'self' 'nonce-…'`.
 */
export function readCspNonce(doc: Document = document): string | undefined {
  const value = doc.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
  // Under the Vite dev server nobody substitutes the placeholder, and there is no CSP either.
  if (!value || value === '__CSP_NONCE__') return undefined;
  return value;
}
