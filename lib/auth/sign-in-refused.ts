// What signing in answers: the user it signed in, or why not. Shared by both steps of sign-in.

/** `second-factor`: the password was right, now a code. `bad-code`, `expired`: the code step's answers. */
export type SecondFactorRefusal = "second-factor" | "bad-code" | "expired";

/**
 * Why a sign-in is refused. `invalid`: the same answer for an unknown account, a wrong password
 * and a disabled account. `throttled`: too many tries; `retryAfterSeconds` says when to try again.
 * `unavailable`: the database did not answer, so the password may well be right and saying
 * otherwise would mislead.
 */
export type SignInRefusal = "invalid" | "throttled" | "unavailable" | SecondFactorRefusal;

export class SignInRefused extends Error {
  constructor(
    readonly code: SignInRefusal,
    readonly retryAfterSeconds?: number,
    /** For `second-factor`: the sealed ticket the code step sends back. */
    readonly ticket?: string,
  ) {
    super(`Sign-in refused: ${code}`);
  }
}

export interface SignedInUser {
  id: string;
  name: string;
  sessionVersion: number;
}
