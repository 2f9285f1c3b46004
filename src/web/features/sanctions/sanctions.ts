/** The log's pure rules: which lines are in force, what an operator may lift, and reading what is typed in the forms. */
import { type LocalSanctionScope, sanctionLimits } from '../../../shared/sanctions-api.js';
import type { MemberView, SanctionView, SuspensionRequest } from './sanctions-client.js';

/** The address of the proposal on which the members decide an appeal. */
export function proposalHref(proposalId: string): string {
  return `/coop/proposals/${encodeURIComponent(proposalId)}`;
}

/** Text as it is sent and as the server counts it: NFC, without surrounding spaces. */
export function sentText(text: string): string {
  return text.normalize('NFC').trim();
}

/** The ids of the suspensions in force, as the server says (it knows whom each line is about). */
export function inForceIds(log: readonly SanctionView[]): Set<string> {
  return new Set(log.filter((line) => line.inForce).map((line) => line.id));
}

/** Whether an operator may lift this line here: a suspension in force, from meetings or membership (the network's are lifted by its administrators). */
export function isLiftable(line: SanctionView, inForce: ReadonlySet<string>): boolean {
  return line.scope !== 'network' && inForce.has(line.id);
}

/** The members an operator may suspend from membership: the admitted ones, by name. */
export function suspendableMembers(members: readonly MemberView[]): MemberView[] {
  return members.filter((member) => member.status === 'admitted').sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** An organisation's short name from what was typed: the name itself, or its pasted address (`…/orgs/<short name>…`). */
export function organisationFromTyped(typed: string): string {
  const trimmed = typed.trim();
  const fromAddress = /(?:^|\/)orgs\/([^/?#\s]+)/i.exec(trimmed);
  const name = fromAddress?.[1] ? decodeURIComponent(fromAddress[1]) : trimmed;
  return name.toLowerCase();
}

/** What the suspend form holds, as typed. */
export interface TypedSuspension {
  scope: LocalSanctionScope;
  organisation: string;
  memberId: string;
  reason: string;
}

/** What is wrong with a typed suspension (nothing is sent then). */
export type SuspensionProblem = 'organisationMissing' | 'memberMissing' | 'reasonTooShort' | 'reasonTooLong';

/** The request for a typed suspension, or its first problem: a party named, a reason of 10 to 2,000 characters. */
export function suspensionRequestOf(typed: TypedSuspension): SuspensionRequest | { problem: SuspensionProblem } {
  const reason = sentText(typed.reason);
  if (typed.scope === 'meetings' && organisationFromTyped(typed.organisation) === '') return { problem: 'organisationMissing' };
  if (typed.scope === 'membership' && typed.memberId === '') return { problem: 'memberMissing' };
  if (reason.length < sanctionLimits.reasonCharactersMin) return { problem: 'reasonTooShort' };
  if (reason.length > sanctionLimits.reasonCharactersMax) return { problem: 'reasonTooLong' };
  return typed.scope === 'meetings'
    ? { scope: 'meetings', organisation: organisationFromTyped(typed.organisation), reason }
    : { scope: 'membership', memberId: typed.memberId, reason };
}

/** What is wrong with a typed appeal's statement: missing, or longer than 5,000 characters; undefined when it can be sent. */
export function statementProblem(statement: string): 'statementMissing' | 'statementTooLong' | undefined {
  const text = sentText(statement);
  if (text === '') return 'statementMissing';
  return text.length > sanctionLimits.statementCharactersMax ? 'statementTooLong' : undefined;
}

/** What is wrong with a typed reason for lifting: missing, or longer than 2,000 characters; undefined when it can be sent. */
export function liftReasonProblem(reason: string): 'reasonMissing' | 'reasonTooLong' | undefined {
  const text = sentText(reason);
  if (text === '') return 'reasonMissing';
  return text.length > sanctionLimits.reasonCharactersMax ? 'reasonTooLong' : undefined;
}
