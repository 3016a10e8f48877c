// What an action may know about the request beyond its form: the client address (set by the
// app's own server from the socket, see server.ts and ADR 0004) and the request id for logs.
import { headers } from 'next/headers';
import { CLIENT_ADDRESS_HEADER, REQUEST_ID_HEADER } from './request-headers';

export type RequestContext = { address: string; requestId?: string; headers: Headers };

export async function requestContext(): Promise<RequestContext> {
  const requestHeaders = await headers();
  return {
    // Without the app's server in front (e.g. a bare `next start`) every client shares one
    // bucket: stricter, never spoofable.
    address: requestHeaders.get(CLIENT_ADDRESS_HEADER) ?? 'unknown',
    requestId: requestHeaders.get(REQUEST_ID_HEADER) ?? undefined,
    headers: new Headers(requestHeaders),
  };
}
