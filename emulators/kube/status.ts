// `Status` bodies shaped like the ones kube-apiserver returns, so clients see the same
// `reason`/`code`/`details` they would get from a real cluster.

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message?: string; field?: string }[];
}

export interface StatusBody {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** An error that the HTTP layer turns into a Status response with `code`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = "ApiError";
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    // Real servers send `details: {}` for the generic 404 and omit it elsewhere when empty.
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

/** "httproutes.gateway.networking.k8s.io" or, for the core group, just "namespaces". */
export function qualifiedResource(plural: string, group: string): string {
  return group === "" ? plural : `${plural}.${group}`;
}

export const errors = {
  /** Unknown group, version or resource: what a missing CRD looks like. */
  resourceNotFound(): ApiError {
    return new ApiError(404, "NotFound", "the server could not find the requested resource", {});
  },
  notFound(plural: string, group: string, name: string): ApiError {
    return new ApiError(404, "NotFound", `${qualifiedResource(plural, group)} "${name}" not found`, {
      name,
      group,
      kind: plural,
    });
  },
  alreadyExists(plural: string, group: string, name: string): ApiError {
    return new ApiError(409, "AlreadyExists", `${qualifiedResource(plural, group)} "${name}" already exists`, {
      name,
      group,
      kind: plural,
    });
  },
  conflict(plural: string, group: string, name: string): ApiError {
    return new ApiError(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${qualifiedResource(plural, group)} "${name}": ` +
        "the object has been modified; please apply your changes to the latest version and try again",
      { name, group, kind: plural },
    );
  },
  forbidden(user: string, verb: string, plural: string, group: string, namespace?: string, name?: string): ApiError {
    const scope = namespace ? `in the namespace "${namespace}"` : "at the cluster scope";
    const target = name ? `${qualifiedResource(plural, group)} "${name}"` : qualifiedResource(plural, group);
    const details: StatusDetails = { group, kind: plural };
    if (name) details.name = name;
    return new ApiError(
      403,
      "Forbidden",
      `${target} is forbidden: User "${user}" cannot ${verb} resource "${plural}" in API group "${group}" ${scope}`,
      details,
    );
  },
  unauthorized(): ApiError {
    return new ApiError(401, "Unauthorized", "Unauthorized");
  },
  badRequest(message: string): ApiError {
    return new ApiError(400, "BadRequest", message);
  },
  invalid(kind: string, name: string, field: string, message: string): ApiError {
    return new ApiError(422, "Invalid", `${kind} "${name}" is invalid: ${field}: ${message}`, {
      name,
      kind,
      causes: [{ reason: "FieldValueRequired", message, field }],
    });
  },
  /** A finalizer added to an object that is being deleted. */
  finalizerAdded(def: { kind: string; group: string }, name: string, added: string[]): ApiError {
    const message = `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(", ")}}`;
    const label = def.group === "" ? def.kind : `${def.kind}.${def.group}`;
    return new ApiError(422, "Invalid", `${label} "${name}" is invalid: metadata.finalizers: ${message}`, {
      name,
      group: def.group,
      kind: def.kind,
      causes: [{ reason: "FieldValueForbidden", message, field: "metadata.finalizers" }],
    });
  },
  methodNotAllowed(): ApiError {
    return new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
  },
  expired(message: string): ApiError {
    return new ApiError(410, "Expired", message);
  },
  internal(message: string): ApiError {
    return new ApiError(500, "InternalError", message);
  },
  notAcceptable(accept: string): ApiError {
    return new ApiError(406, "NotAcceptable", `only the following media types are accepted: application/json (asked for ${accept})`);
  },
  unsupportedMediaType(contentType: string): ApiError {
    return new ApiError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got ${contentType})`);
  },
};

/** Maps a fault's HTTP code to the reason a real server would use. */
export function reasonForCode(code: number): string {
  const reasons: Record<number, string> = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    409: "Conflict",
    410: "Expired",
    422: "Invalid",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
    504: "Timeout",
  };
  return reasons[code] ?? "Unknown";
}
