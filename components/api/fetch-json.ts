// The one way the UI talks to the JSON API: every failure becomes an ApiRequestError carrying
// the API's { error: { code, message } } (or a synthetic one for network and non-JSON answers).

import type { ApiError } from "@/lib/api/types";

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body?: ApiError["error"];
  /** Where to sign in, when a 401 says so. */
  readonly login?: string;

  constructor(status: number, code: string, message: string, body?: ApiError["error"], login?: string) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = code;
    this.body = body;
    this.login = login;
  }
}

function isApiError(x: unknown): x is ApiError {
  return typeof x === "object" && x !== null && typeof (x as ApiError).error?.code === "string";
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  } catch (e) {
    throw new ApiRequestError(0, "network", `cannot reach the dnsdrift server: ${(e as Error).message}`);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiRequestError(res.status, "invalid-response", `${url} answered ${res.status} without JSON`);
  }
  if (!res.ok) {
    if (isApiError(body)) {
      const login = (body as { auth?: { login?: unknown } }).auth?.login;
      throw new ApiRequestError(res.status, body.error.code, body.error.message, body.error, typeof login === "string" ? login : undefined);
    }
    throw new ApiRequestError(res.status, `http-${res.status}`, `${url} answered ${res.status}`);
  }
  return body as T;
}

export function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  return fetchJson<T>(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
}

/** Client errors other than 408/429 will not get better by retrying. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500 && ![408, 429].includes(error.status)) return false;
  return failureCount < 2;
}
