// How large a request body may be: without JavaScript a pet form carries its photo (up to 20 MB)
// inside the form, so the limit is 20 MB plus room for the other fields. next.config.ts gives it
// to the proxy and to Server Actions, and server.ts refuses a larger body before either reads it.

export const MAX_FORM_BODY_BYTES = 21 * 1024 * 1024;

/** A declared body this large is not even drained before the refusal: the connection is closed. */
export const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
