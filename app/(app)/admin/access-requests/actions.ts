"use server";

import {
  approveAccessRequestFromForm,
  decideAccessRequestForm,
  denyAccessRequestFromForm,
} from "@/lib/rbac/access-request-forms";
import { consoleAction } from "../console-action";

export const approveAccessRequestAction = consoleAction(decideAccessRequestForm, approveAccessRequestFromForm);
export const denyAccessRequestAction = consoleAction(decideAccessRequestForm, denyAccessRequestFromForm);
