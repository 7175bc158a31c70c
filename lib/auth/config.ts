import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authSecret } from "./secret";
import { checkCredentials, SignInRefused, type SignInRefusal } from "./sign-in";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sv?: number;
  }
}

/**
 * A refused sign-in as next-auth passes it to the sign-in action: the reason in `code`, with the
 * seconds to wait when throttled (`throttled-120`), and the code step's ticket after a colon
 * (`second-factor:<ticket>`).
 */
class Refused extends CredentialsSignin {
  constructor(reason: SignInRefusal, retryAfterSeconds?: number, ticket?: string) {
    super();
    const code = reason === "throttled" && retryAfterSeconds ? `throttled-${retryAfterSeconds}` : reason;
    this.code = ticket ? `${code}:${ticket}` : code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  // A failed sign-in is an expected answer, not a server error worth a stack trace.
  logger: {
    error(error) {
      if (!("type" in error && error.type === "CredentialsSignin")) console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { login: { label: "Username or email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        try {
          return await checkCredentials(credentials, request.headers);
        } catch (error) {
          if (error instanceof SignInRefused) throw new Refused(error.code, error.retryAfterSeconds, error.ticket);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      // Only identity travels in the cookie; permissions are read from the database per request.
      session.user.id = token.sub ?? "";
      session.sessionVersion = token.sv;
      return session;
    },
  },
}));
