import { describe, expect, it } from "vitest";
import { auditSentenceText, changedFields, valueWords } from "./audit-sentence";
import type { AuditEntryView } from "./schemas";

const entry = (fields: Partial<AuditEntryView>): AuditEntryView => ({
  id: "00000000-0000-4000-8000-000000000001",
  actor_id: null,
  actor_username: "dana",
  action: "user.view_as",
  target_type: "user",
  target_id: "00000000-0000-4000-8000-000000000002",
  target_label: "alice",
  reason: null,
  before: null,
  after: null,
  created_at: "2026-12-02T10:00:00.000Z",
  ...fields,
});

const grant = { resource: "export", actions: ["read", "list"], scope: "all", expires_at: "2026-12-04T10:00:00.000Z" };

describe("an audit entry as a sentence", () => {
  it.each([
    [
      { action: "grant.create", after: grant },
      "dana granted alice Exports: read, list (all) until Dec 4, 2026, 10:00 AM UTC",
    ],
    [
      { action: "grant.create", after: { ...grant, scope: null, expires_at: null } },
      "dana granted alice Exports: read, list with no expiry",
    ],
    [
      { action: "grant.revoke", before: { grants: [grant] } },
      "dana revoked alice's grant of Exports: read, list (all)",
    ],
    [
      { action: "role.assign", before: { custom_roles: ["a"] }, after: { custom_roles: ["a", "sales-rep"] } },
      "dana assigned the role sales-rep to alice",
    ],
    [
      { action: "grant.expired", actor_username: null, before: grant },
      "alice's grant of Exports: read, list (all) expired",
    ],
    [
      { action: "grant.extend", before: grant, after: { ...grant, expires_at: "2026-12-11T10:00:00.000Z" } },
      "dana extended alice's grant of Exports: read, list (all) until Dec 11, 2026, 10:00 AM UTC",
    ],
    [
      { action: "role.assignment_expired", actor_username: null, before: { role: "sales-rep" } },
      "alice's role sales-rep expired",
    ],
    [
      { action: "role.assignment_extend", after: { role: "sales-rep", expires_at: "2027-01-03T10:00:00.000Z" } },
      "dana extended alice's role sales-rep until Jan 3, 2027, 10:00 AM UTC",
    ],
    [
      {
        action: "role.assign",
        before: { custom_roles: [] },
        after: { custom_roles: ["auditor"], role: "auditor", expires_at: "2026-12-04T10:00:00.000Z" },
      },
      "dana assigned the role auditor to alice until Dec 4, 2026, 10:00 AM UTC",
    ],
    [
      {
        action: "role.assign",
        before: { custom_roles: ["auditor"], expires_at: "2026-12-04T10:00:00.000Z" },
        after: { custom_roles: ["auditor"], role: "auditor", expires_at: null },
      },
      "dana assigned the role auditor to alice again with no end",
    ],
    [
      { action: "role.revoke", before: { custom_roles: ["sales-rep"] }, after: { custom_roles: [] } },
      "dana removed the role sales-rep from alice",
    ],
    [{ action: "sale.create", target_type: "sale", target_label: "Acme" }, "dana created a sale to Acme"],
    [{ action: "sale.update", target_type: "sale", target_label: "Acme" }, "dana edited the sale to Acme"],
    [{ action: "sale.delete", target_type: "sale", target_label: "Acme" }, "dana deleted the sale to Acme"],
    [{ action: "user.sessions_end", after: { sessions_ended: 2 } }, "dana ended alice's sessions (2 sessions)"],
    [
      { action: "user.password_change", after: { other_sessions_ended: 1 } },
      "dana changed their password and ended 1 other session",
    ],
    [{ action: "mfa.enable" }, "dana turned on two-factor sign-in"],
    [{ action: "mfa.disable" }, "dana turned off two-factor sign-in"],
    [{ action: "mfa.reset" }, "dana reset alice's two-factor sign-in"],
    [
      { action: "mfa.recovery_codes", actor_id: "00000000-0000-4000-8000-000000000002" },
      "dana made new recovery codes for their account",
    ],
    [
      { action: "token.create", target_type: "api_token", target_label: "laptop", after: { expires_at: null } },
      "dana created the API token laptop with no expiry",
    ],
    [{ action: "token.revoke", target_type: "api_token", target_label: "laptop" }, "dana revoked the API token laptop"],
    [
      {
        action: "user.update",
        before: { is_active: true, team: "east" },
        after: { is_active: false, team: "west", sessions_ended: true },
      },
      "dana updated alice: deactivated the account, moved them to team west (their sessions were ended)",
    ],
    [
      { action: "role.delete", target_type: "role", target_label: "auditors", before: { assigned_users: ["vera"] } },
      "dana deleted the role auditors (held by vera)",
    ],
    [{ actor_username: null, action: "mfa.enable" }, "Someone turned on two-factor sign-in"],
    [
      {
        action: "flag.update",
        target_type: "feature_flag",
        target_label: "Forecast on the overview",
        before: { enabled: false, base_roles: [] },
        after: { enabled: true, base_roles: ["analyst"] },
      },
      "dana turned on Forecast on the overview for analysts",
    ],
    [
      {
        action: "flag.update",
        target_label: "Forecast on the overview",
        before: { enabled: false, base_roles: [] },
        after: { enabled: true, base_roles: [] },
      },
      "dana turned on Forecast on the overview for everyone",
    ],
    [
      {
        action: "flag.update",
        target_label: "Totals row on the sales list",
        before: { enabled: true, base_roles: ["viewer"] },
        after: { enabled: false, base_roles: ["viewer"] },
      },
      "dana turned off Totals row on the sales list",
    ],
    [
      {
        action: "flag.update",
        target_label: "Forecast on the overview",
        before: { enabled: true, base_roles: [] },
        after: { enabled: true, base_roles: ["admin", "analyst", "viewer"] },
      },
      "dana limited Forecast on the overview to admins, analysts and viewers",
    ],
    [
      {
        action: "flag.update",
        target_label: "Forecast on the overview",
        before: { enabled: true, base_roles: ["analyst"] },
        after: { enabled: true, base_roles: [] },
      },
      "dana opened Forecast on the overview to everyone",
    ],
  ] as const)("%j reads %s", (fields, sentence) => {
    expect(auditSentenceText(entry(fields as Partial<AuditEntryView>))).toBe(sentence);
  });

  it("a malformed snapshot still reads as a sentence, never a crash", () => {
    expect(auditSentenceText(entry({ action: "grant.create", after: "nonsense" }))).toBe(
      "dana granted alice a permission",
    );
    expect(auditSentenceText(entry({ action: "grant.revoke", before: { grants: "x" } }))).toBe(
      "dana revoked a grant of alice",
    );
  });
});

describe("the changed fields of an audit entry", () => {
  it("names only what changed, a role's permissions resource by resource", () => {
    const before = {
      id: "r1",
      description: "old",
      permissions: [{ resource: "sale", actions: ["read"], scope: "own" }],
    };
    const after = {
      id: "r1",
      description: "new",
      permissions: [
        { resource: "sale", actions: ["read", "list"], scope: "team" },
        { resource: "report", actions: ["read"] },
      ],
    };
    expect(changedFields(before, after)).toEqual([
      { field: "description", before: "old", after: "new" },
      { field: "Sales", before: "read (own)", after: "read, list (team)" },
      { field: "Reports", before: undefined, after: "read" },
    ]);
  });

  it("leaves out ids and times, and an unchanged field", () => {
    expect(
      changedFields({ id: "a", created_at: "x", team: "east" }, { id: "b", created_at: "y", team: "east" }),
    ).toEqual([]);
  });
});

describe("a changed value in words", () => {
  it("reads moments as dates, lists joined, yes and no, and nothing as a dash", () => {
    expect(valueWords("2026-12-04T10:00:00.000Z")).toBe("Dec 4, 2026, 10:00 AM UTC");
    expect(valueWords(["read", "list"])).toBe("read, list");
    expect(valueWords([])).toBe("none");
    expect(valueWords(true)).toBe("yes");
    expect(valueWords(null)).toBe("—");
    expect(valueWords("2026-12-04")).toBe("2026-12-04");
  });
});

describe("the changed fields of a feature flag", () => {
  it("tells an empty base-role limit as everyone, not as none", () => {
    expect(
      changedFields({ enabled: true, base_roles: [] }, { enabled: true, base_roles: ["analyst", "developer"] }),
    ).toEqual([{ field: "base_roles", before: "everyone", after: "analysts and developers" }]);
  });
});
