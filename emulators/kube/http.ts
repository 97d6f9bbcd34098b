// Small HTTP helpers: JSON replies with the headers a real apiserver sends, Status errors,
// and request bodies in JSON or YAML.

import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseAllDocuments } from "yaml";
import { ApiError, errors } from "./status";

const MAX_BODY = 16 * 1024 * 1024;

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(code, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-cache, private",
    "Audit-Id": randomUUID(),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): number {
  const apiErr = err instanceof ApiError ? err : errors.internal(err instanceof Error ? err.message : String(err));
  sendJson(res, apiErr.code, apiErr.toStatus());
  return apiErr.code;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new ApiError(413, "RequestEntityTooLarge", "request entity too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Every document of a JSON or YAML body (multi-document YAML allowed). */
export function parseDocuments(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return [JSON.parse(trimmed)];
    } catch {
      // YAML flow syntax is a superset of JSON; let the YAML parser report the problem.
    }
  }
  const docs = parseAllDocuments(text);
  const out: unknown[] = [];
  for (const [i, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
    if (doc.errors.length > 0) throw errors.badRequest(`invalid YAML in document ${i + 1}: ${doc.errors[0].message.split("\n")[0]}`);
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** A single JSON (or YAML) object body, as sent with create/update/patch. */
export async function readObjectBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers["content-type"] ?? "";
  // kubectl's typed commands (create service, create configmap) send protobuf, which the emulator
  // does not decode; say so as a real server does for a type it does not take.
  if (type.includes("protobuf") || type.includes("cbor")) {
    throw new ApiError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got ${type})`);
  }
  const docs = parseDocuments(await readBody(req));
  const [first] = docs;
  if (docs.length !== 1 || typeof first !== "object" || first === null || Array.isArray(first)) {
    throw errors.badRequest("the request body must be a single object");
  }
  return first as Record<string, unknown>;
}
