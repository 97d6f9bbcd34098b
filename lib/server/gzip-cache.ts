// Compressed answers by ETag (a content hash): the same answer to many clients is compressed
// once. The server entry compresses what it sends (bin/direct-routes.ts); the prebuild fills the
// cache ahead, on libuv's thread pool, so a new computation's first round sends ready bytes.

import zlib from "node:zlib";
import { promisify } from "node:util";
import { LRUCache } from "lru-cache";

/** Bodies smaller than this go as they are: compressing them saves less than it costs. */
export const GZIP_MIN_BYTES = 1024;

const gzipped = new LRUCache<string, Buffer>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (b) => Math.max(1, b.length) });
const gzipAsync = promisify(zlib.gzip);

/** The gzip of `body`, whose ETag is `etag` (a 200's; other answers have no stable content). */
export function gzipOnce(etag: string | null, body: Buffer): Buffer {
  let z = etag ? gzipped.get(etag) : undefined;
  if (!z) {
    z = zlib.gzipSync(body);
    if (etag) gzipped.set(etag, z);
  }
  return z;
}

/** Compresses off the event loop and keeps the result for gzipOnce. */
export async function gzipAhead(etag: string, body: Buffer): Promise<void> {
  if (body.length < GZIP_MIN_BYTES || gzipped.has(etag)) return;
  gzipped.set(etag, await gzipAsync(body));
}

/** Whether the gzip of this ETag's body is ready. */
export function gzipReady(etag: string): boolean {
  return gzipped.has(etag);
}
