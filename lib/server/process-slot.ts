// The one value dnsdrift keeps on globalThis. Two reasons make a module-level variable not enough:
// the server entry (bin/serve.ts, bundled by esbuild) and Next's route handlers (bundled by Next)
// are separate module graphs in one process, so only globalThis is shared between them; and
// `next dev` re-evaluates modules on every edit, which would otherwise build a second runtime
// (a second set of informers, a second SQLite handle). Everything else hangs off the runtime.

/** The server entry's identity for the peer stamp (lib/server/auth/peer.ts). */
export interface ServerBinding {
  /** The host the server listens on, as configured (checked by mode none). */
  host: string;
  nonce: string;
}

export interface ProcessSlot {
  /** The runtime (lib/server/runtime.ts), once created or being created. */
  runtime?: Promise<unknown>;
  /** How to create it: installed by the composition root (the server entry, or a test). */
  create?: () => Promise<unknown>;
  /** Set by the server entry before Next loads (lib/server/auth/peer.ts). */
  binding?: ServerBinding;
  /** The secrets every output is cleaned of (lib/server/redact.ts). */
  secrets: string[];
  consoleRedacted: boolean;
}

const KEY = Symbol.for("dnsdrift.process");
type Holder = { [KEY]?: ProcessSlot };

export function processSlot(): ProcessSlot {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= { secrets: [], consoleRedacted: false });
}
