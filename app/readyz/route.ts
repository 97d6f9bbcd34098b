// Root-level alias of /api/readyz for Kubernetes readiness probes.
export const dynamic = "force-dynamic";
export { GET } from "../api/readyz/route";
