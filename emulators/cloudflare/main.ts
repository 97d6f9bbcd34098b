// CLI entry for the Cloudflare emulator, for demo mode and e2e tests in another process:
//   node --import tsx emulators/cloudflare/main.ts --port 8787 --seed file.json --token T [--token R=read]
// Prints one JSON line {"url","adminUrl","port"} on stdout once listening; stops on SIGINT/SIGTERM.

import { parseCliArgs, USAGE } from "./cli-args";
import { startCloudflareEmulator } from "./server";

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const emulator = await startCloudflareEmulator(options);
  console.log(JSON.stringify({ url: emulator.url, adminUrl: emulator.adminUrl, port: emulator.port }));
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(`cloudflare emulator: ${(e as Error).message}\n${USAGE}`);
  process.exit(1);
});
