// The one accessor route handlers use to reach the runtime. The server entry installs how the
// runtime is created and starts creating it before it listens; anything else that calls a route
// handler (tests, a bare `next start`) gets one created from the environment on first use.
// A creation that fails is forgotten, so the next request tries again (the cluster or the
// token may be fixed by then) and reports the error meanwhile.

import { processSlot } from "./process-slot";
import type { Runtime } from "./runtime";
import { settingsFromEnv } from "./settings";

async function fromEnvironment(): Promise<Runtime> {
  const { createRuntime } = await import("./compose");
  return createRuntime(settingsFromEnv());
}

export function getRuntime(): Promise<Runtime> {
  const slot = processSlot();
  if (!slot.runtime) {
    const create = (slot.create as (() => Promise<Runtime>) | undefined) ?? fromEnvironment;
    const created = create().catch((e: unknown) => {
      if (slot.runtime === created) delete slot.runtime;
      throw e;
    });
    slot.runtime = created;
  }
  return slot.runtime as Promise<Runtime>;
}

/** Installs how the runtime is made (the server entry), or a runtime itself (tests); replaces any before. */
export function installRuntime(how: (() => Promise<Runtime>) | Runtime): void {
  const slot = processSlot();
  delete slot.runtime;
  if (typeof how === "function") slot.create = how;
  else {
    delete slot.create;
    slot.runtime = Promise.resolve(how);
  }
}

/** Forgets the runtime and how to make it (tests: the next request builds one from the environment). */
export function forgetRuntime(): void {
  const slot = processSlot();
  delete slot.runtime;
  delete slot.create;
}

/** The runtime if it has been created, without creating it. */
export function createdRuntime(): Promise<Runtime> | undefined {
  return processSlot().runtime as Promise<Runtime> | undefined;
}
