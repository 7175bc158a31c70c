// Domain errors thrown by lib/: mapped to HTTP statuses in lib/http.ts and to form state in
// lib/actions.ts, each in one place.

export interface FieldError {
  /** Dotted path of the offending field, e.g. "permissions.0.actions". */
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 401: no credentials, or credentials that are not valid. */
export class Unauthenticated extends DomainError {
  constructor(message = "Authentication required") {
    super(401, message);
  }
}

/** 403: authenticated, but not allowed. */
export class Forbidden extends DomainError {
  constructor(message = "You do not have permission to do this") {
    super(403, message);
  }
}

/** 404: missing, or outside the viewer's scope (the same answer: no existence leak). */
export class NotFound extends DomainError {
  constructor(message = "Not found") {
    super(404, message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super(409, message);
  }
}

/** 400: a well-formed request the resource refuses (e.g. editing a system role). */
export class BadRequest extends DomainError {
  constructor(message: string) {
    super(400, message);
  }
}

/** 422: invalid input, with the offending fields. */
export class Invalid extends DomainError {
  constructor(message: string, errors: FieldError[] = []) {
    super(422, message, errors);
  }
}

/** 429: too many wrong tries; `retryAfterSeconds` says when to try again. */
export class TooManyTries extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    what: "codes" | "passwords" = "codes",
  ) {
    super(429, `Too many wrong ${what}. Try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s).`);
  }
}

export class PayloadTooLarge extends DomainError {
  constructor(limit: number) {
    super(413, `Request body exceeds ${limit} bytes`);
  }
}

/**
 * What a page's error boundary receives as `error.digest` when the database is unavailable: Next
 * keeps a thrown error's own digest, and strips its message in production.
 */
/** How long clients are told to wait before trying again while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

export const UNAVAILABLE_DIGEST = "LEDGERLINE_DATABASE_UNAVAILABLE";

/** The database cannot be reached or did not answer in time: 503, and nothing is allowed meanwhile. */
export class Unavailable extends DomainError {
  readonly digest = UNAVAILABLE_DIGEST;
  constructor(message = "The database is temporarily unavailable. Try again in a few seconds.") {
    super(503, message);
  }
}
