/**
 * True for a loopback peer address (`127.0.0.0/8`, `::1`, and IPv4 mapped into IPv6). An unknown address is
 * not loopback: a handler that cannot tell where a request came from treats it as remote.
 */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}
