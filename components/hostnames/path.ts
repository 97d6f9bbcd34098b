// The path a hostname takes through the objects is computed by the server (GET /api/hostnames/{name}).
export { pathsFor, type PathStep } from "@/lib/drift/host-path";
