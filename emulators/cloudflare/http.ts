// The v4 envelope and small HTTP helpers. Every JSON answer carries
// `Content-Type: application/json`: the SDK only parses bodies that say so (BEHAVIOUR.md §1).

import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorItem } from "./errors";

export function success(result: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { result, success: true, errors: [], messages: [], ...extra };
}

export function failure(errors: ErrorItem[]): Record<string, unknown> {
  return { result: null, success: false, errors, messages: [] };
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  const isText = typeof body === "string";
  const text = isText ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": isText ? "text/html; charset=UTF-8" : "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const BODY_LIMIT = 16 * 1024 * 1024;

export class BodyError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new BodyError("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** `undefined` for an empty body; throws BodyError for text that is not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError("request body is not valid JSON");
  }
}
