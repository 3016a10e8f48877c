// Names of the request headers the app's server (server.ts) sets on every request. Kept free of
// Next imports: the server loads this before Next has set up its runtime.

/** The client address, derived from the socket; any copy a client sends is overwritten. */
export const CLIENT_ADDRESS_HEADER = 'x-pet-client-address';
/** A fresh id per request, echoed in the response and in every log line about it. */
export const REQUEST_ID_HEADER = 'x-request-id';
