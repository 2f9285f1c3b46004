/** The operator domain's table (`operator/migrations.ts`). */
import type { DataCatalogue } from '../catalogue-types.js';
import { column } from './column.js';

/** The audit log of operator actions. */
export const operatorCatalogue: DataCatalogue = {
  operator_audit_log: {
    purpose: 'Every request an operator makes to the operator console, written before it is answered.',
    retention: 'Kept indefinitely: it is the record of what operators looked at and did.',
    columns: {
      id: column("The entry's id.", 'Identifies it.', false),
      operator_id: column('The operator (a person id).', 'Who acted.', true),
      action: column('What they did (e.g. list accounts).', 'The audit trail.', false),
      target: column("The request's path, which may name an account or organisation.", 'What they acted on.', true),
      at_ms: column('When.', 'The audit trail.', true),
    },
  },
};
