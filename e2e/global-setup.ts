import type { FullConfig } from "@playwright/test";
import { BASE_URL } from "./support/settings";

/**
 * Runs once the web server accepts connections. `next start` loads each route's code on its first
 * request and the server opens its database lazily; paying for that here keeps it out of the
 * first spec's timeouts. Failures are left to the specs, which report them with context.
 */
export default async function globalSetup(_config: FullConfig): Promise<void> {
  for (const path of ["/", "/login"]) {
    try {
      const response = await fetch(new URL(path, BASE_URL), {
        redirect: "manual",
        signal: AbortSignal.timeout(60_000),
      });
      await response.arrayBuffer();
    } catch (error) {
      console.warn(`[global setup] warming up ${path} failed: ${String(error)}`);
    }
  }
}
