// Plain data shapes of the DNS-over-HTTPS check: what a resolver answered, and what we conclude
// from it. Resolver failures are values here, never exceptions, so a dashboard can show them.

export interface Resolver {
  /** Stable id used as a key everywhere ("cloudflare", "google", "local"). */
  id: string;
  /** RFC 8484 endpoint, e.g. https://cloudflare-dns.com/dns-query (http:// for the demo emulator). */
  url: string;
  label?: string;
}

/** Header RCODE names as dns-packet spells them; other codes arrive as "RCODE_n". */
export type Rcode = "NOERROR" | "FORMERR" | "SERVFAIL" | "NXDOMAIN" | "NOTIMP" | "REFUSED" | (string & {});

/** One resource record of the answer section, its data rendered as text. */
export interface DohRecord {
  /** Lower-case, no trailing dot. */
  name: string;
  type: string;
  ttl: number;
  /** A/AAAA: the address; CNAME/NS/PTR: the target (no trailing dot); TXT: the strings joined. */
  data: string;
}

export type DohErrorCode = "timeout" | "network" | "http" | "malformed";

export interface DohError {
  code: DohErrorCode;
  message: string;
}

export interface DohAnswer {
  resolver: string;
  /** The question, lower-case, no trailing dot. */
  name: string;
  type: string;
  /** null when no DNS message came back (see `error`). */
  rcode: Rcode | null;
  answers: DohRecord[];
  /**
   * Negative-caching TTL of a NXDOMAIN/NODATA answer: min(SOA TTL, SOA MINIMUM) (RFC 2308 §5).
   * When served from cache, what is left of it.
   */
  authorityMinTtl?: number;
  error?: DohError;
  elapsedMs: number;
  cached: boolean;
}

export interface QueryOptions {
  /** Skip the cache and store the fresh answer. */
  bypassCache?: boolean;
}

export interface DohClient {
  readonly resolvers: readonly Resolver[];
  query(resolverId: string, name: string, type: string, opts?: QueryOptions): Promise<DohAnswer>;
  /** The clock the client uses (injectable for tests). */
  now(): number;
  clearCache(): void;
  /** Closes pooled keep-alive connections. */
  close(): void;
}

/** Cloudflare's published edge ranges, as CIDR strings. */
export interface EdgeRanges {
  ipv4: string[];
  ipv6: string[];
}

export type LookupVerdict =
  | "matches"
  | "proxied-ok"
  | "missing"
  | "wrong-target"
  | "not-proxied"
  | "unexpectedly-proxied"
  | "resolver-failure"
  | "resolvers-disagree"
  | "not-desired-but-resolves"
  /** Nothing desired and nothing resolves: consistent. */
  | "absent"
  /** Only record types the check does not query (TXT, MX…) are desired. */
  | "unchecked"
  /** The answer cannot be judged: a lookup it depends on failed (the detail says which). */
  | "unknown";

/** Why a hint was given; the text is for people, the code for the UI. */
export type HintCode = "propagating" | "not-in-cloudflare" | "stale-answer" | "ownership-propagating" | "partial-failure";

export interface Hint {
  code: HintCode;
  text: string;
  /** Seconds until resolvers' caches expire, when known. */
  expectedWaitSeconds?: number;
}

export interface ResolverLookup {
  id: string;
  label: string;
  verdict: LookupVerdict;
  /** The answer records of the A, AAAA and CNAME questions, deduplicated. */
  answers: DohRecord[];
  /** Served TTL: the smallest answer TTL, or the negative-caching TTL for missing names. */
  ttl?: number;
  /** The A question's RCODE (null when no message came back). */
  rcode: Rcode | null;
  /** Sum of the questions' times (ms). */
  elapsedMs: number;
  /** What was seen when it is not what was wanted ("CNAME other.example.net", "192.0.2.9"). */
  seen?: string[];
  /** One line saying why this verdict. */
  detail?: string;
  /** Whether this resolver sees any of the ownership TXT names. */
  ownershipVisible?: boolean;
  error?: DohError;
  cached: boolean;
}

export interface HostLookup {
  hostname: string;
  verdict: LookupVerdict;
  resolvers: ResolverLookup[];
  /** undefined when no ownership TXT names were asked about, or no resolver could answer. */
  ownershipVisible?: boolean;
  /** Human text for the UI. */
  hint?: string;
  hintCode?: HintCode;
  expectedWaitSeconds?: number;
  /** ISO time of the check. */
  checkedAt: string;
}
