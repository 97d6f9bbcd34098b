// Cloudflare API error codes, HTTP statuses and messages, in one place. Codes and wording follow
// the observed responses catalogued in BEHAVIOUR.md §1; the few the
// spec does not pin down are marked "(unverified)".

export interface ErrorItem {
  code: number;
  message: string;
  error_chain?: { code: number; message: string }[];
}

/** Thrown anywhere in request handling; routes turn it into a failure envelope. */
export class CfError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorItem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => `${e.code} ${e.message}`).join("; "));
  }
}

const one = (status: number, code: number, message: string) => new CfError(status, [{ code, message }]);

export const err = {
  noRoute: (path: string) =>
    new CfError(400, [
      { code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` },
      { code: 7000, message: "No route for that URI" },
    ]),
  /** Well-formed id of a zone that does not exist (unverified: real API may answer 400). */
  zoneNotFound: (path: string) =>
    new CfError(404, [
      { code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` },
      { code: 7000, message: "No route for that URI" },
    ]),
  unknownRoute: () => one(404, 7000, "No route for that URI"),
  methodNotAllowed: (method: string) =>
    one(405, 10000, `${method} method not allowed for the api_token authentication scheme`),
  recordNotFound: () => one(404, 81044, "Record does not exist."),

  // authentication
  authError: () => one(403, 10000, "Authentication error"),
  missingAuth: () => one(401, 10001, "Unable to authenticate request"),
  missingAuthHeader: () => one(401, 1001, 'Missing "Authorization" header'),
  invalidToken: () => one(401, 1000, "Invalid API Token"),
  badAuthHeader: () =>
    new CfError(400, [
      {
        code: 6003,
        message: "Invalid request headers",
        error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }],
      },
    ]),
  unknownKey: () => one(403, 9103, "Unknown X-Auth-Key or X-Auth-Email"),

  // record validation
  invalidType: () => one(400, 9020, "Invalid DNS record type"), // (unverified)
  invalidA: () => one(400, 9005, "Content for A record must be a valid IPv4 address."),
  invalidAAAA: () => one(400, 9006, "Content for AAAA record must be a valid IPv6 address."),
  invalidCnameContent: () => one(400, 9007, "Content for CNAME record is invalid."), // (unverified)
  cnameSelf: () => one(400, 9039, "CNAME content cannot reference itself."), // (unverified)
  notProxiableType: () => one(400, 9004, "This record type cannot be proxied."),
  targetNotAllowed: (target: string) => one(400, 9003, `Target ${target} is not allowed for a proxied record.`),
  privateTarget: (target: string) =>
    one(400, 9041, `This DNS record cannot be proxied: ${target} is not a publicly routable address.`),
  ttl: (min: number) => one(400, 9021, `TTL must be between ${min} and 86400 seconds, or 1 for Automatic.`),
  /** The older wrapper form, used for rules whose specific code the spec does not document. */
  validation: (detail: string) =>
    new CfError(400, [{ code: 1004, message: "DNS Validation Error", error_chain: [{ code: 1004, message: detail }] }]),
  /** An absolute name in another domain; no public source shows the real answer (unverified). */
  nameOutsideZone: (name: string, zone: string) => err.validation(`DNS record name ${name}. is not in the zone ${zone}.`),
  invalidBody: () => one(400, 9207, "Request body is invalid."), // (unverified)
  invalidQuery: (detail: string) => one(400, 1001, `Invalid request: ${detail}`), // (unverified)

  // conflicts
  cnameOverAddress: () => one(400, 81053, "An A, AAAA, or CNAME record with that host already exists."),
  addressOverCname: () => one(400, 81054, "A CNAME record with that host already exists."),
  nsExists: () => one(400, 81056, "NS records with that host already exist."),
  nsOverOther: () => one(400, 81055, "A record with that host already exists."), // (unverified)
  duplicate: (code: 81057 | 81058) =>
    one(400, code, code === 81057 ? "Record already exists." : "An identical record already exists."),

  rateLimited: () => one(429, 971, "Please wait and consider throttling your request speed"),
};
