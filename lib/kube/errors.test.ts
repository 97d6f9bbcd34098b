import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { classifyKubeError } from "./errors";

const status = (code: number, message: string) => JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", message, code });
const sysError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("classifyKubeError", () => {
  it.each<[string, unknown, object]>([
    ["401 from a list", new ApiException(401, "Unauthorized", status(401, "Unauthorized"), {}), { code: "unauthorized", httpStatus: 401 }],
    [
      "403 with the server's message",
      new ApiException(403, "Forbidden", status(403, 'httproutes is forbidden: User "x" cannot list resource'), {}),
      { code: "forbidden", message: 'httproutes is forbidden: User "x" cannot list resource' },
    ],
    ["404", new ApiException(404, "Not Found", status(404, "the server could not find the requested resource"), {}), { code: "not-found", httpStatus: 404 }],
    ["429 with Retry-After", new ApiException(429, "Too Many", status(429, "slow down"), { "retry-after": "3" }), { code: "rate-limited", retryAfter: 3 }],
    ["500", new ApiException(500, "boom", "plain text body", {}), { code: "server-error", message: "plain text body" }],
    ["504", new ApiException(504, "timeout", "", {}), { code: "timeout", message: "HTTP 504" }],
    ["a watch's non-200", Object.assign(new Error("Forbidden"), { statusCode: 403 }), { code: "forbidden", httpStatus: 403 }],
    ["connection refused", sysError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:6443"), { code: "unreachable" }],
    ["DNS failure", sysError("ENOTFOUND", "getaddrinfo ENOTFOUND api"), { code: "unreachable" }],
    ["connect timeout", sysError("ETIMEDOUT", "connect ETIMEDOUT"), { code: "timeout" }],
    ["premature close of a stream", sysError("ERR_STREAM_PREMATURE_CLOSE", "Premature close"), { code: "watch-dropped" }],
    ["invalid JSON", new SyntaxError("Unexpected token < in JSON"), { code: "invalid-response" }],
    ["anything else", new Error("weird"), { code: "unknown", message: "weird" }],
    ["not even an Error", "just a string", { code: "unknown", message: "just a string" }],
  ])("%s", (_, err, want) => {
    expect(classifyKubeError(err)).toMatchObject(want);
  });
});
