/** Who a request comes from, as rate limits and throttles count it. */
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key of a client address: IPv4 as it is, IPv6 by its /64 (one subscriber's usual share —
 * counting each IPv6 address apart would give every household billions of allowances),
 * IPv4-mapped IPv6 as IPv4.
 */
export function addressKey(address: string): string {
  const withoutZone = address.split('%')[0] ?? address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(withoutZone);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(withoutZone) || !isIPv6(withoutZone)) return withoutZone;
  const [head = '', tail] = withoutZone.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const full = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${full
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
