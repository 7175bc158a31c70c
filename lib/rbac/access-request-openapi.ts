// The access-request endpoints, described for the OpenAPI document with the schemas the routes validate with.
import type { ApiModule, ApiOperation } from "@/lib/openapi";
import {
  accessRequestIdParam,
  accessRequestInput,
  accessRequestList,
  accessRequestView,
  approveAccessRequestInput,
  denyAccessRequestInput,
  listAccessRequestsQuery,
} from "./access-request-schemas";

const REQUESTS = "/api/v1/access-requests";
const DECIDE =
  "Needs permission:update, and the caller must hold the requested permission over at least the requested scope. " +
  "Nobody decides their own request (403). A request already decided answers 409.";

const operations: ApiOperation[] = [
  {
    method: "post",
    path: REQUESTS,
    operationId: "createAccessRequest",
    summary: "Ask for a permission for a while",
    description:
      "Any signed-in caller, for themselves. `scope` only for sales. Asking for what one already holds, or for " +
      "longer than the catalog's maximum for the resource (e.g. export: 30 days), answers 422 naming the field.",
    body: accessRequestInput,
    success: { status: 201, description: "Pending", schema: accessRequestView },
  },
  {
    method: "get",
    path: REQUESTS,
    operationId: "listAccessRequests",
    summary: "The caller's own requests, or every pending one",
    description:
      "`view=mine`: the caller's requests, newest first. `view=queue`: every pending request, oldest first " +
      "(permission:update only; 403 otherwise). Without `view`: the queue for approvers, one's own for others.",
    query: listAccessRequestsQuery,
    success: { status: 200, description: "Requests", schema: accessRequestList },
    errors: [403],
  },
  {
    method: "get",
    path: `${REQUESTS}/{id}`,
    operationId: "getAccessRequest",
    summary: "One access request",
    description: "Its requester's or an approver's to see; anyone else gets 404, as for a missing one.",
    pathParams: accessRequestIdParam,
    success: { status: 200, description: "The request", schema: accessRequestView },
    errors: [404, 422],
  },
  {
    method: "post",
    path: `${REQUESTS}/{id}/approve`,
    operationId: "approveAccessRequest",
    summary: "Approve a pending request",
    description: `${DECIDE} Makes a direct grant of exactly what was asked, ending duration_hours from now (database clock), linked by grant_id.`,
    pathParams: accessRequestIdParam,
    body: approveAccessRequestInput,
    success: { status: 200, description: "Approved", schema: accessRequestView },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: `${REQUESTS}/{id}/deny`,
    operationId: "denyAccessRequest",
    summary: "Deny a pending request, with a reason",
    description: `${DECIDE} Nothing is granted.`,
    pathParams: accessRequestIdParam,
    body: denyAccessRequestInput,
    success: { status: 200, description: "Denied", schema: accessRequestView },
    errors: [403, 404, 409],
  },
];

export const accessRequestsApi: ApiModule = {
  tag: { name: "access-requests", description: "Asking for a permission for a while, and deciding such requests" },
  components: {
    AccessRequestInput: accessRequestInput,
    AccessRequest: accessRequestView,
    AccessRequestList: accessRequestList,
    ApproveAccessRequest: approveAccessRequestInput,
    DenyAccessRequest: denyAccessRequestInput,
  },
  operations,
};
