import dns from 'node:dns/promises';
import http, { IncomingMessage } from 'node:http';
import https from 'node:https';
import { LookupFunction } from 'node:net';
import { FetchAllowList, isOperatorAllowed, parseIpAddress, refusedAddress } from '../domain/network-address';

/** At most this many redirects are followed, each one checked like the first address. */
export const MAX_REDIRECTS = 3;

export type GuardedFetchResult =
  { kind: 'answer'; response: IncomingMessage } | { kind: 'refused'; reason: string } | { kind: 'failed' };

interface CheckedAddress {
  address: string;
  family: number;
}

/** A host's addresses as DNS gives them now; the connection never asks DNS again. */
export type ResolveHost = (hostname: string) => Promise<CheckedAddress[]>;

const resolveWithSystem: ResolveHost = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Resolves the URL's host and checks every address; a reason instead when the fetch must not go there. */
async function checkedAddresses(
  url: URL,
  allowList: FetchAllowList,
  resolveHost: ResolveHost,
): Promise<{ addresses: CheckedAddress[] } | { refused: string }> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { refused: `${url.protocol} is not https:` };
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = parseIpAddress(hostname)
    ? [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }]
    : await resolveHost(hostname);
  const found = addresses.map((entry) => entry.address);
  if (found.length === 0) return { refused: `${hostname} has no address` };
  // Plain http only to a host the operator allowed (an internal store); anything else must be https.
  if (url.protocol === 'http:' && !isOperatorAllowed(hostname, found, allowList))
    return { refused: 'http: is not https:' };
  const refused = refusedAddress(hostname, found, allowList);
  return refused === null ? { addresses } : { refused: `${hostname} resolves to ${refused}` };
}

/** Connects only to the addresses already checked, so a second DNS answer (rebinding) cannot swap them. */
function pinnedLookup(addresses: CheckedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as (error: null, addresses: CheckedAddress[]) => void)(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

function request(url: URL, addresses: CheckedAddress[], signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const outgoing = send(url, { method: 'GET', agent: false, lookup: pinnedLookup(addresses), signal }, resolve);
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * GET a URL someone else chose (a stored recording URL) without letting it reach this server's own network:
 * every hop's host is resolved and checked (docs/security.md), the connection goes to the checked address,
 * and redirects are followed by hand, at most MAX_REDIRECTS of them.
 */
export async function guardedFetch(
  startUrl: string,
  allowList: FetchAllowList,
  signal: AbortSignal,
  resolveHost: ResolveHost = resolveWithSystem,
): Promise<GuardedFetchResult> {
  let url = new URL(startUrl);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    let response: IncomingMessage;
    try {
      const checked = await checkedAddresses(url, allowList, resolveHost);
      if ('refused' in checked) return { kind: 'refused', reason: checked.refused };
      response = await request(url, checked.addresses, signal);
    } catch {
      return { kind: 'failed' };
    }
    const location = response.headers.location;
    if (![301, 302, 303, 307, 308].includes(response.statusCode ?? 0) || !location) return { kind: 'answer', response };
    response.destroy();
    try {
      url = new URL(location, url);
    } catch {
      return { kind: 'failed' };
    }
  }
  return { kind: 'refused', reason: `more than ${MAX_REDIRECTS} redirects` };
}
