/** A DNS name as the API accepts it in a path: labels of letters, digits, `-` and `_`, an optional leading `*.`. */
export const HOSTNAME = /^(\*\.)?[a-z0-9_]([a-z0-9_-]{0,62})?(\.[a-z0-9_]([a-z0-9_-]{0,62})?)*\.?$/i;
