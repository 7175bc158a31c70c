// Recognises database failures by their SQLSTATE or network error code, whichever driver raised
// them (drizzle wraps the driver's error as `cause`).

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // Shut down, crashed, starting up, terminated (administrator command, pg_terminate_backend).
  "57P01",
  "57P02",
  "57P03",
  // Too many connections; the database does not exist (renamed, dropped, not yet restored).
  "53300",
  "3D000",
  // Object not in prerequisite state: e.g. a replica still starting, a database being dropped.
  "55000",
  // Cancelled by statement_timeout; ended by idle_in_transaction_session_timeout.
  "57014",
  "25P03",
]);

export function databaseErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Any "database unavailable" class: connection failures (08*), shutdowns, timeouts, missing database. */
export function isUnreachable(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code !== undefined && (UNREACHABLE_CODES.has(code) || code.startsWith("08"));
}

/**
 * SQLSTATE class 22: the database refused a value (out of range, too long, not valid text). Input
 * validation should have caught it first; answering it as invalid input, not a server error, is
 * the backstop.
 */
export function isDataException(error: unknown): boolean {
  return databaseErrorCode(error)?.startsWith("22") === true;
}

export function isUniqueViolation(error: unknown): boolean {
  return databaseErrorCode(error) === "23505";
}

export function isRowSecurityViolation(error: unknown): boolean {
  return databaseErrorCode(error) === "42501";
}
