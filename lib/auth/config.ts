import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authSecret } from "./secret";
import { getDb } from "@/db/client";
import { isUnreachable } from "@/db/errors";
import { sessionSettings, startSession } from "./sessions";
import { checkCredentials } from "./sign-in";
import { SignInRefused, type SignInRefusal } from "./sign-in-refused";
import { clientAddress } from "./throttle";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    sessionVersion?: number;
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sv?: number;
    sid?: string;
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
  // The cookie lives as long as a session may; the session row decides whether it still counts.
  session: { strategy: "jwt", maxAge: sessionSettings().maxHours * 60 * 60 },
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
          const user = await checkCredentials(credentials, request.headers);
          const sessionId = await startSession(await getDb(), user.id, {
            address: clientAddress(request.headers),
            userAgent: request.headers.get("user-agent"),
          });
          return { ...user, sessionId };
        } catch (error) {
          if (error instanceof SignInRefused) throw new Refused(error.code, error.retryAfterSeconds, error.ticket);
          if (isUnreachable(error)) throw new Refused("unavailable");
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
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      // Only identity travels in the cookie; permissions are read from the database per request.
      session.user.id = token.sub ?? "";
      session.sessionVersion = token.sv;
      session.sessionId = token.sid;
      return session;
    },
  },
}));
