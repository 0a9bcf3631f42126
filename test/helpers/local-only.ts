/** Tests talk only to services on this machine (as ElectroDB's tests refuse a non-local DynamoDB). */
export function assertLocalUrl(url: string, what: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) && !host.startsWith('127.')) {
    throw new Error(`${what} points at ${host}; tests run only against services on this machine`);
  }
}
